using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Dapr.Events;
using Verifier.Tests.Support;

namespace Verifier.Tests.Flows;

/// <summary>The request's status is completed by the compliance outcome and the label credential offer.</summary>
public sealed class StatusCompletionTests(VerifierFixture fixture) : IClassFixture<VerifierFixture>
{
    private VerifierHost Verifier => fixture.Verifier;

    private async Task<string> VerifiedRequestAsync()
    {
        var issuer = Verifier.Issuer;
        using var wallet = Verifier.NewWallet();
        var created = await Verifier.CreateRequestAsync(Queries.Request(Queries.Dcql(Queries.LegalPersonCredentialQuery())));
        var request = await wallet.FetchAsync((string)created["authorization_request_uri"]!);
        var vp = wallet.PresentVcJwt(request, [issuer.IssueVcJwt("LegalPerson", Queries.LegalPersonSubject(), holderJwk: wallet.HolderJwk)]);
        using var response = await wallet.PostDirectAsync(request, new JsonObject { ["legal_person"] = new JsonArray(vp) });
        response.EnsureSuccessStatusCode();
        return (string)created["request_id"]!;
    }

    private async Task<JsonObject> StatusWhenAsync(string id, Func<JsonObject, bool> condition)
    {
        for (var i = 0; i < 100; i++)
        {
            var status = await Verifier.StatusAsync(id);
            if (condition(status))
            {
                return status;
            }
            await Task.Delay(50);
        }
        return await Verifier.StatusAsync(id);
    }

    [Fact]
    public async Task Compliance_assessed_event_records_the_outcome_and_label_credential_on_the_request()
    {
        var id = await VerifiedRequestAsync();
        await Verifier.Dapr.PublishAsync(new ComplianceAssessed(id, true, "eyJ.label.credential", []), "compliance");
        var status = await StatusWhenAsync(id, s => s["compliance"] is not null);
        Assert.Equal("verified", (string?)status["status"]);
        Assert.True((bool)status["compliance"]!["compliant"]!);
        Assert.Equal("eyJ.label.credential", (string?)status["compliance"]!["label_credential"]);
    }

    [Fact]
    public async Task Negative_compliance_assessment_lists_the_failures()
    {
        var id = await VerifiedRequestAsync();
        await Verifier.Dapr.PublishAsync(new ComplianceAssessed(id, false, null, ["gx:LegalPerson: registrationNumber is missing"]), "compliance");
        var status = await StatusWhenAsync(id, s => s["compliance"] is not null);
        Assert.False((bool)status["compliance"]!["compliant"]!);
        Assert.Equal("gx:LegalPerson: registrationNumber is missing", (string?)status["compliance"]!["reasons"]![0]);
    }

    [Fact]
    public async Task Offer_created_event_records_the_label_credential_offer_and_a_redelivery_changes_nothing()
    {
        var id = await VerifiedRequestAsync();
        var offer = new OfferCreated(id, "offer-1", "openid-credential-offer://?credential_offer_uri=https%3A%2F%2Fissuer.example%2Fcredential-offer%2Foffer-1");
        await Verifier.Dapr.PublishAsync(offer, "issuer");
        var status = await StatusWhenAsync(id, s => s["offer"] is not null);
        Assert.Equal("offer-1", (string?)status["offer"]!["offer_id"]);

        // The same event again (at-least-once delivery), after a newer offer was recorded: the duplicate is a no-op.
        await Verifier.Dapr.PublishAsync(new OfferCreated(id, "offer-2", "openid-credential-offer://?x=2"), "issuer");
        await StatusWhenAsync(id, s => (string?)s["offer"]!["offer_id"] == "offer-2");
        await Verifier.Dapr.PublishAsync(offer, "issuer");
        await Task.Delay(300);
        Assert.Equal("offer-2", (string?)(await Verifier.StatusAsync(id))["offer"]!["offer_id"]);
    }

    [Fact]
    public async Task Events_for_an_unknown_request_are_acknowledged_and_ignored()
    {
        await Verifier.Dapr.PublishAsync(new ComplianceAssessed("no-such-request", true, null, []), "compliance");
        var id = await VerifiedRequestAsync();
        await Verifier.Dapr.PublishAsync(new ComplianceAssessed(id, true, null, []), "compliance");
        var status = await StatusWhenAsync(id, s => s["compliance"] is not null);
        Assert.True((bool)status["compliance"]!["compliant"]!);
    }
}
