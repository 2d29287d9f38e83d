using GaiaX.Oid4vc.Testing;
using GaiaX.Oid4vc.Verifier.Responses;
using Verifier.Tests.Support;

namespace Verifier.Tests.Flows;

/// <summary>Each judged response is counted with its outcome, and the request's time to verdict recorded.</summary>
public sealed class VerifierMetricsTests(VerifierFixture fixture) : IClassFixture<VerifierFixture>
{
    private VerifierHost Verifier => fixture.Verifier;

    [Fact]
    public async Task Verified_presentation_is_counted_and_its_time_to_verdict_recorded_by_outcome()
    {
        using var metrics = new MetricRecorder(Verifier.Host.Services, VerifierTelemetry.MeterName);

        // PresentLegalPersonAsync asserts the wallet's response got 200.
        await Verifier.PresentLegalPersonAsync(Queries.Request(Queries.Dcql(Queries.LegalPersonCredentialQuery())));

        var judged = Assert.Single(metrics.Of("gaiax.verifier.responses"));
        Assert.Equal(("verified", "none"), (judged.Tag("outcome"), judged.Tag("reason")));
        var duration = Assert.Single(metrics.Of("gaiax.verifier.presentation.duration"));
        Assert.Equal("verified", duration.Tag("outcome"));
        Assert.True(duration.Value >= 0);
    }
}
