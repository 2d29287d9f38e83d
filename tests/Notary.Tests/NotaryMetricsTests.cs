using GaiaX.Oid4vc.Notary.Verification;
using GaiaX.Oid4vc.RegistrySandbox;
using GaiaX.Oid4vc.Testing;

namespace GaiaX.Oid4vc.Notary.Tests;

/// <summary>Registry calls are counted by registry and outcome, so an outage shows apart from invalid numbers.</summary>
public sealed class NotaryMetricsTests
{
    [Fact]
    public async Task Registry_call_confirming_a_number_is_counted_as_valid_with_its_duration()
    {
        await using var notary = await NotaryUnderTest.StartAsync();
        using var metrics = new MetricRecorder(notary.Host.Services, NotaryMetrics.MeterName);
        notary.GivenVies("DE", "812345673", 200, RegistryWireFormats.ViesCheckVatResponse("DE", "812345673", valid: true, "Example Cloud GmbH"));

        using var response = await notary.GetCredentialAsync("vat-id", "DE812345673");

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var call = Assert.Single(metrics.Of("gaiax.notary.registry.calls"));
        Assert.Equal(("vies", "valid"), (call.Tag("registry"), call.Tag("outcome")));
        Assert.Equal("vies", Assert.Single(metrics.Of("gaiax.notary.registry.duration")).Tag("registry"));
    }

    [Fact]
    public async Task Registry_outage_is_counted_as_unavailable_not_invalid()
    {
        await using var notary = await NotaryUnderTest.StartAsync();
        using var metrics = new MetricRecorder(notary.Host.Services, NotaryMetrics.MeterName);
        notary.GivenVies("DE", "812345673", 500, RegistryWireFormats.SoapFault("MS_UNAVAILABLE"));

        using var response = await notary.GetCredentialAsync("vat-id", "DE812345673");

        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.All(metrics.Of("gaiax.notary.registry.calls"), m => Assert.Equal("unavailable", m.Tag("outcome")));
        Assert.NotEmpty(metrics.Of("gaiax.notary.registry.calls"));
    }

    [Fact]
    public async Task Prometheus_endpoint_when_enabled_serves_the_registry_counters_in_text_format()
    {
        await using var notary = await NotaryUnderTest.StartAsync(["--Telemetry:PrometheusEndpoint=true"]);
        notary.GivenVies("DE", "812345673", 200, RegistryWireFormats.ViesCheckVatResponse("DE", "812345673", valid: true, "Example Cloud GmbH"));
        using var credential = await notary.GetCredentialAsync("vat-id", "DE812345673");

        // The exporter caches a scrape for a moment: ask until the call shows.
        var text = string.Empty;
        for (var attempt = 0; attempt < 50 && !text.Contains("gaiax_notary_registry_calls_total{", StringComparison.Ordinal); attempt++)
        {
            text = await notary.Client.GetStringAsync("/metrics");
            await Task.Delay(200);
        }

        Assert.Contains("registry=\"vies\"", text, StringComparison.Ordinal);
        Assert.Contains("gaiax_notary_registry_duration_seconds_bucket{", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prometheus_endpoint_is_not_served_unless_enabled()
    {
        await using var notary = await NotaryUnderTest.StartAsync();

        using var response = await notary.Client.GetAsync("/metrics");

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }
}
