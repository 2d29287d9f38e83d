using System.Net;
using System.Text.Json.Nodes;
using Verifier.Tests.Support;

namespace Verifier.Tests.Flows;

/// <summary>Compliance is opt-in per presentation request: only a request with <c>"compliance": true</c> is assessed.</summary>
public sealed class ComplianceOptInTests(VerifierFixture fixture) : IClassFixture<VerifierFixture>
{
    private VerifierHost Verifier => fixture.Verifier;

    private async Task<(string RequestId, JsonObject Status)> PresentAsync(bool compliance)
    {
        var requestId = await Verifier.PresentLegalPersonAsync(
            Queries.Request(Queries.Dcql(Queries.LegalPersonCredentialQuery()), compliance: compliance)
        );
        return (requestId, await Verifier.StatusAsync(requestId));
    }

    [Fact]
    public async Task Verified_presentation_of_a_request_without_compliance_is_not_sent_to_compliance()
    {
        var (requestId, status) = await PresentAsync(compliance: false);

        Assert.Equal("verified", (string?)status["status"]);
        Assert.False((bool)status["compliance_requested"]!);
        Assert.Null(status["compliance"]);
        // The event would be published before the response was answered; give the broker a moment anyway.
        await Task.Delay(500);
        Assert.DoesNotContain(Verifier.Events.Received, e => e.RequestId == requestId);
    }

    [Fact]
    public async Task Verified_presentation_of_a_request_asking_for_compliance_is_sent_to_compliance()
    {
        var (requestId, status) = await PresentAsync(compliance: true);

        Assert.Equal("verified", (string?)status["status"]);
        Assert.True((bool)status["compliance_requested"]!);
        Assert.Single(await Verifier.Events.ForRequestAsync(requestId));
    }

    [Fact]
    public async Task Compliance_that_is_not_a_boolean_is_refused_at_creation()
    {
        var body = Queries.Request(Queries.Dcql(Queries.LegalPersonCredentialQuery()));
        body["compliance"] = "yes";

        using var response = await Verifier.PostRequestAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("compliance: must be true or false", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
