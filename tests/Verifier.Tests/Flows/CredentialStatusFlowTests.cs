using System.Net;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Credentials.Status;
using Verifier.Tests.Rules;
using Verifier.Tests.Support;

namespace Verifier.Tests.Flows;

/// <summary>
/// The status of presented credentials, checked over HTTP at the issuer's lists: valid is accepted, revoked and
/// suspended are refused with their own codes, and a list that cannot be had is "status unknown", never revoked.
/// Each test has its own Verifier: a list, once read, is reused for its ttl.
/// </summary>
public sealed class CredentialStatusFlowTests
{
    private static async Task<(HttpResponseMessage Response, string RequestId)> PresentAsync(VerifierHost verifier, int index)
    {
        using var wallet = verifier.NewWallet();
        var created = await verifier.CreateRequestAsync(Queries.Request(Queries.Dcql(Queries.LegalPersonCredentialQuery())));
        var request = await wallet.FetchAsync((string)created["authorization_request_uri"]!);
        var credential = verifier.Issuer.IssueVcJwt(
            "LegalPerson",
            Queries.LegalPersonSubject(),
            holderJwk: wallet.HolderJwk,
            changePayload: p => p["credentialStatus"] = verifier.Issuer.BitstringEntries(index));
        var response = await wallet.PostDirectAsync(request, new JsonObject { ["legal_person"] = new JsonArray(wallet.PresentVcJwt(request, [credential])) });
        return (response, (string)created["request_id"]!);
    }

    [Fact]
    public async Task Credential_whose_status_lists_say_valid_is_accepted()
    {
        await using var verifier = await VerifierHost.StartAsync();

        var (response, requestId) = await PresentAsync(verifier, 5);

        using (response)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        Assert.Equal("verified", (string?)(await verifier.StatusAsync(requestId))["status"]);
    }

    [Fact]
    public async Task Revoked_credential_is_refused_with_credential_revoked()
    {
        await using var verifier = await VerifierHost.StartAsync();
        verifier.Issuer.Statuses[6] = TokenStatusList.Invalid;

        var (response, requestId) = await PresentAsync(verifier, 6);

        using (response)
        {
            await verifier.AssertRejectedAsync(response, requestId, "credential_revoked");
        }
    }

    [Fact]
    public async Task Suspended_credential_is_refused_with_credential_suspended()
    {
        await using var verifier = await VerifierHost.StartAsync();
        verifier.Issuer.Statuses[7] = TokenStatusList.Suspended;

        var (response, requestId) = await PresentAsync(verifier, 7);

        using (response)
        {
            await verifier.AssertRejectedAsync(response, requestId, "credential_suspended");
        }
    }

    [Fact]
    public async Task Credential_whose_status_list_times_out_is_refused_as_status_unknown_never_as_revoked()
    {
        await using var verifier = await VerifierHost.StartAsync(false, "--StatusLists:Timeout=00:00:00.500");
        verifier.Issuer.Statuses[8] = TokenStatusList.Invalid;
        verifier.Issuer.StatusListDelay = TimeSpan.FromSeconds(3);

        var (response, requestId) = await PresentAsync(verifier, 8);

        using (response)
        {
            await verifier.AssertRejectedAsync(response, requestId, "credential_status_unknown");
        }
        var reasons = (await verifier.StatusAsync(requestId))["reasons"]!.AsArray().Select(r => (string?)r!["code"]).ToList();
        Assert.DoesNotContain("credential_revoked", reasons);
    }

    [Fact]
    public async Task Unknown_status_is_accepted_where_the_deployment_says_so()
    {
        await using var verifier = await VerifierHost.StartAsync(false, "--StatusLists:Timeout=00:00:00.500", "--StatusLists:AcceptUnknownStatus=true");
        verifier.Issuer.StatusListDelay = TimeSpan.FromSeconds(3);

        var (response, requestId) = await PresentAsync(verifier, 9);

        using (response)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        Assert.Equal("verified", (string?)(await verifier.StatusAsync(requestId))["status"]);
    }
}
