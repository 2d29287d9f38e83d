using GaiaX.Oid4vc.Credentials.Hosting;

namespace GaiaX.Oid4vc.Credentials.Tests;

/// <summary>DevHost's data folder is one place per checkout, whichever directory a program starts in.</summary>
public sealed class DevelopmentDataFolderTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("gaiax-checkout-").FullName;

    [Fact]
    public void Inside_a_checkout_it_is_beside_the_solution_file_from_any_subdirectory()
    {
        File.WriteAllText(Path.Combine(_root, "GaiaX.Oid4vc.sln"), "");
        var devHost = Directory.CreateDirectory(Path.Combine(_root, "services", "DevHost")).FullName;

        Assert.Equal(Path.Combine(_root, ".devhost-data"), DevelopmentDataFolder.Resolve(devHost));
        Assert.Equal(Path.Combine(_root, ".devhost-data"), DevelopmentDataFolder.Resolve(_root));
    }

    [Fact]
    public void Outside_a_checkout_it_is_in_the_current_directory()
    {
        var elsewhere = Directory.CreateDirectory(Path.Combine(_root, "elsewhere")).FullName;

        Assert.Equal(Path.Combine(elsewhere, ".devhost-data"), DevelopmentDataFolder.Resolve(elsewhere));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
