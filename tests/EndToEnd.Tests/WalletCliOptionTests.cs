namespace EndToEnd.Tests;

/// <summary>The wallet CLI's command line, run as a process: mistakes are one line and exit code 2, before any network call.</summary>
public sealed class WalletCliOptionTests : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("gaiax-cli-").FullName;

    [Fact]
    public async Task Trust_ca_file_that_does_not_exist_is_an_error_naming_the_path()
    {
        var missing = Path.Combine(_home, "missing-ca.crt");

        var run = await WalletCli.RunAsync(_home, "present", "openid4vp://?request_uri=x", "--trust-ca", missing, "--wallet", "w");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"error: --trust-ca {missing}: no such file" + Environment.NewLine, run.Error);
        Assert.False(Directory.Exists(Path.Combine(_home, "w")));
    }

    [Fact]
    public async Task Present_without_trust_ca_and_without_the_default_DevHost_ca_names_the_path_tried()
    {
        var run = await WalletCli.RunAsync(_home, "present", "openid4vp://?request_uri=x", "--wallet", "w");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(
            $"error: no trust anchor: tried {Path.Combine(_home, ".devhost-data", "dev-ca", "ca.crt")} (the development CA of a DevHost "
                + "started in this checkout); pass --trust-ca <PEM> with the CA the verifier's request object chains to"
                + Environment.NewLine,
            run.Error);
    }

    [Fact]
    public async Task Inside_a_checkout_the_default_trust_ca_is_DevHosts_at_the_checkout_root_wherever_the_wallet_starts()
    {
        // `dotnet run --project tools/Wallet` starts the wallet in tools/Wallet, DevHost in services/DevHost.
        File.WriteAllText(Path.Combine(_home, "GaiaX.Oid4vc.sln"), "");
        var projectFolder = Directory.CreateDirectory(Path.Combine(_home, "tools", "Wallet")).FullName;

        var run = await WalletCli.RunAsync(projectFolder, "present", "openid4vp://?request_uri=x", "--wallet", "w");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"error: no trust anchor: tried {Path.Combine(_home, ".devhost-data", "dev-ca", "ca.crt")} ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_option_is_an_error_with_the_usage()
    {
        var run = await WalletCli.RunAsync(_home, "list", "--trust", "ca.crt");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: unknown option --trust" + Environment.NewLine + "usage: gaiax-wallet <command> [options]", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_prints_the_usage_and_creates_no_wallet()
    {
        var run = await WalletCli.RunAsync(_home, "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("usage: gaiax-wallet <command> [options]", run.Out, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_home, ".wallet")));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_home, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
