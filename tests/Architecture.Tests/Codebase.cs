using System.Reflection;

namespace GaiaX.Oid4vc.Architecture.Tests;

/// <summary>The assemblies and source files the rules are checked against.</summary>
public static class Codebase
{
    /// <summary>The services: independent deployables that talk only through Dapr.</summary>
    public static readonly IReadOnlyList<Assembly> Services =
    [
        typeof(Issuer.IssuerProgram).Assembly,
        typeof(Verifier.VerifierProgram).Assembly,
        typeof(Notary.NotaryProgram).Assembly,
        typeof(Compliance.ComplianceProgram).Assembly,
        typeof(Registry.RegistryProgram).Assembly,
    ];

    /// <summary>The libraries the services share.</summary>
    public static readonly IReadOnlyList<Assembly> SharedLibraries =
    [
        typeof(Credentials.CredentialFormats).Assembly,
        typeof(Rdf.Graph).Assembly,
        typeof(Dapr.Topics).Assembly,
        typeof(ServiceDefaults.ProtocolResults).Assembly,
        typeof(Wallet.ReferenceWallet).Assembly,
    ];

    public static IEnumerable<Assembly> All => Services.Concat(SharedLibraries);

    /// <summary>
    /// Where protocol and domain code lives: the services and the libraries of plain code. Left out
    /// are the adapters whose job is HTTP (ServiceDefaults) or the Dapr SDK (the Dapr library).
    /// </summary>
    public static IEnumerable<Assembly> BelowTheEndpoint =>
        All.Where(a => a.GetName().Name is not ("GaiaX.Oid4vc.ServiceDefaults" or "GaiaX.Oid4vc.Dapr"));

    /// <summary>The repository's root folder (the one holding the solution file).</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The C# files of production code: services, shared libraries, tools and the test-support library.</summary>
    public static IEnumerable<string> ProductionSourceFiles() =>
        new[] { "services", "shared", "tools", Path.Combine("tests", "GaiaX.Oid4vc.Testing") }
            .Select(folder => Path.Combine(Root, folder))
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories))
            .Where(file => !IsBuildOutput(file));

    /// <summary>The source file that declares <paramref name="type"/>, found by the one-type-per-file rule.</summary>
    public static string? SourceFileOf(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var name = type.Name.Split('`')[0] + ".cs";
        return ProductionSourceFiles().FirstOrDefault(file => Path.GetFileName(file) == name && DeclaresNamespace(file, type.Namespace));
    }

    private static bool DeclaresNamespace(string file, string? ns) =>
        ns is null || File.ReadLines(file).Any(line => line.StartsWith("namespace " + ns + ";", StringComparison.Ordinal));

    private static bool IsBuildOutput(string file)
    {
        var parts = Path.GetRelativePath(Root, file).Split(Path.DirectorySeparatorChar);
        return parts.Contains("obj") || parts.Contains("bin");
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "GaiaX.Oid4vc.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("The repository root (GaiaX.Oid4vc.sln) was not found above " + AppContext.BaseDirectory);
    }
}
