namespace GaiaX.Oid4vc.Credentials.Hosting;

/// <summary>
/// Where DevHost keeps its data (keys, the development CA, management tokens) unless told otherwise: one
/// place per checkout, <c>.devhost-data</c> beside <c>GaiaX.Oid4vc.sln</c>, whichever directory DevHost or the
/// wallet is started from (<c>dotnet run --project</c> starts a program in its project's directory).
/// Outside a checkout it is <c>.devhost-data</c> in the current directory.
/// </summary>
public static class DevelopmentDataFolder
{
    public const string Name = ".devhost-data";

    private const string RepositoryMarker = "GaiaX.Oid4vc.sln";

    /// <summary>The data folder for a program started in <paramref name="currentDirectory"/>.</summary>
    public static string Resolve(string currentDirectory)
    {
        ArgumentNullException.ThrowIfNull(currentDirectory);
        for (var directory = new DirectoryInfo(Path.GetFullPath(currentDirectory)); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, RepositoryMarker)))
            {
                return Path.Combine(directory.FullName, Name);
            }
        }
        return Path.Combine(Path.GetFullPath(currentDirectory), Name);
    }

    /// <summary>The data folder for this process, from its current directory.</summary>
    public static string Resolve() => Resolve(Environment.CurrentDirectory);
}
