using GaiaX.Oid4vc.Testing;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Notary.Tests;

/// <summary>A bad registry setting stops the Notary at start with a message naming the configuration key.</summary>
public sealed class NotaryOptionsTests
{
    [Theory]
    [InlineData("--Notary:Registries:Vies:Endpoint=not-a-url", "Notary:Registries:Vies:Endpoint")]
    [InlineData("--Notary:Registries:Gleif:Endpoint=", "Notary:Registries:Gleif:Endpoint")]
    [InlineData("--Notary:Registries:TaxId:Endpoint=https://registry.example/tax", "Notary:Registries:TaxId:Endpoint")]
    [InlineData("--Notary:Registries:Eori:MaxConcurrentRequests=0", "Notary:Registries:Eori:MaxConcurrentRequests")]
    [InlineData("--Notary:Registries:Vies:CircuitBreakDuration=00:00:00.100", "Notary:Registries:Vies:CircuitBreakDuration")]
    [InlineData("--Notary:VerifiedResultTimeToLive=00:00:00", "Notary:VerifiedResultTimeToLive")]
    public async Task Invalid_registry_setting_stops_the_notary_at_start_naming_the_setting(string setting, string key)
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var host = await TestServiceHost.StartAsync((a, c) => NotaryProgram.Create(a, c), "Notary", [setting]);
        });

        Assert.Contains(key, failure.Message, StringComparison.Ordinal);
    }
}
