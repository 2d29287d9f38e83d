namespace GaiaX.Oid4vc.ServiceDefaults.Tests;

/// <summary>
/// A service whose identity or trust anchors cannot be had stops while it starts, with a message naming the
/// setting, instead of starting and answering 500 at its first signature (a development identity on a
/// read-only root filesystem, a TLS secret that is not mounted, an anchor file that is missing).
/// </summary>
public sealed class IdentityStartupTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("gaiax-identity-").FullName;

    /// <summary>A path no process can create, root included: its parent is a file.</summary>
    private string Uncreatable()
    {
        var file = Path.Combine(_folder, "a-file");
        File.WriteAllText(file, "");
        return Path.Combine(file, "identity");
    }

    [Theory]
    [MemberData(nameof(ServiceCatalog.Names), MemberType = typeof(ServiceCatalog))]
    public async Task Development_identity_in_a_folder_that_cannot_be_written_stops_the_start_naming_the_setting(string service)
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            ServiceCatalog.StartAsync(service, [$"--Identity:DataPath={Uncreatable()}"]));

        Assert.StartsWith("Setting 'Identity:DataPath' (", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Development_ca_in_a_folder_that_cannot_be_written_stops_the_start_naming_the_setting()
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            ServiceCatalog.StartAsync("Issuer", [$"--Identity:DevelopmentCaPath={Uncreatable()}"]));

        Assert.StartsWith("Setting 'Identity:DevelopmentCaPath' (", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ServiceCatalog.Names), MemberType = typeof(ServiceCatalog))]
    public async Task Files_identity_whose_secret_is_not_mounted_stops_the_start_naming_the_setting(string service)
    {
        var missing = Path.Combine(_folder, "not-mounted", "tls.key");

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            ServiceCatalog.StartAsync(service, ["--Identity:Source=Files", $"--Identity:PrivateKeyPath={missing}"]));

        Assert.StartsWith($"Setting 'Identity:PrivateKeyPath': {missing} cannot be read", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Trust_anchor_file_that_is_missing_stops_the_start_naming_the_setting()
    {
        var missing = Path.Combine(_folder, "anchor.pem");

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            ServiceCatalog.StartAsync("Verifier", [$"--Trust:AnchorCertificates:0={missing}"]));

        Assert.StartsWith($"Setting 'Trust:AnchorCertificates' ({missing}): ", failure.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
