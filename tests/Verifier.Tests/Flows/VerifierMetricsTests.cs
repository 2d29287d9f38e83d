using System.Net;
using System.Text.Json.Nodes;
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
        using var wallet = Verifier.NewWallet();
        var created = await Verifier.CreateRequestAsync(Queries.Request(Queries.Dcql(Queries.LegalPersonCredentialQuery())));
        var request = await wallet.FetchAsync((string)created["authorization_request_uri"]!);
        var credential = Verifier.Issuer.IssueVcJwt("LegalPerson", Queries.LegalPersonSubject(), holderJwk: wallet.HolderJwk);

        using var response = await wallet.PostDirectAsync(
            request,
            new JsonObject { ["legal_person"] = new JsonArray(wallet.PresentVcJwt(request, [credential])) }
        );

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var judged = Assert.Single(metrics.Of("gaiax.verifier.responses"));
        Assert.Equal(("verified", "none"), (judged.Tag("outcome"), judged.Tag("reason")));
        var duration = Assert.Single(metrics.Of("gaiax.verifier.presentation.duration"));
        Assert.Equal("verified", duration.Tag("outcome"));
        Assert.True(duration.Value >= 0);
    }
}
