namespace GaiaX.Oid4vc.Testing;

/// <summary>Locates the repository root and the read-only shared data beside it.</summary>
public static class RepositoryPaths
{
    /// <summary>The repository root: the folder holding <c>GaiaX.Oid4vc.sln</c>.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary><c>../shared</c> beside the repository root (specifications and data, read-only).</summary>
    public static string SharedData => Path.GetFullPath(Path.Combine(Root, "..", "shared", "data"));

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "GaiaX.Oid4vc.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("GaiaX.Oid4vc.sln not found above " + AppContext.BaseDirectory);
    }
}
