namespace GaiaX.Oid4vc.ServiceDefaults.Tests;

/// <summary>A setting an overlay marks <c>REQUIRED: …</c> stops the service before it starts, naming the setting.</summary>
public sealed class RequiredSettingsTests
{
    [Theory]
    [MemberData(nameof(ServiceCatalog.Names), MemberType = typeof(ServiceCatalog))]
    public async Task Setting_left_at_its_required_placeholder_stops_the_start_naming_it_and_what_it_needs(string service)
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            ServiceCatalog.StartAsync(service, [$"--{service}:Management:Authority=REQUIRED: the OpenID provider of your management clients"]));

        Assert.Equal($"Setting '{service}:Management:Authority' is not set: the OpenID provider of your management clients", failure.Message);
    }

    [Fact]
    public async Task Every_setting_left_at_its_placeholder_is_named_at_once()
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            ServiceCatalog.StartAsync("Compliance", ["--Compliance:Registry:BaseUrl=REQUIRED: the Gaia-X registry", "--Trust:AnchorCertificates:0=REQUIRED: a CA"]));

        Assert.Equal(
            [
                "Setting 'Compliance:Registry:BaseUrl' is not set: the Gaia-X registry",
                "Setting 'Trust:AnchorCertificates:0' is not set: a CA",
            ],
            failure.Message.Split(Environment.NewLine));
    }
}
