using System.Net;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Verifier.Requests;
using Verifier.Tests.Rules;
using Verifier.Tests.Support;

namespace Verifier.Tests.Attacks;

/// <summary>
/// Item 11 of issue 18 (Verifier part): a state-store outage between claiming a request and writing
/// its outcome must not leave it claimed forever. The claim carries a deadline; after it the request
/// can be answered again, and once the request's own lifetime is over it shows as expired.
/// </summary>
public sealed class ProcessingRecoveryTests
{
    /// <summary>The claim deadline configured for these tests (seconds).</summary>
    private const int ProcessingTimeout = 30;

    private static Task<VerifierHost> StartAsync() =>
        VerifierHost.StartAsync(fakeTime: true, redis: false, FailingPresentationRequestStore.Install, $"--Verifier:ResponseProcessingTimeoutSeconds={ProcessingTimeout}");

    private static JsonObject Token(string presentation) => new() { ["legal_person"] = new JsonArray(presentation) };

    private static bool IsOutcome(PresentationRequest request) =>
        request.Status is PresentationRequestStatus.Verified or PresentationRequestStatus.Rejected;

    [Fact]
    public async Task Request_whose_outcome_could_not_be_written_can_be_answered_again_after_the_processing_deadline()
    {
        await using var verifier = await StartAsync();
        using var wallet = verifier.NewWallet();
        var (id, request) = await verifier.StartAsync(wallet, Queries.Dcql(Queries.LegalPersonCredentialQuery()));
        var vp = wallet.PresentVcJwt(request, [verifier.Issuer.IssueVcJwt("LegalPerson", Queries.LegalPersonSubject(), holderJwk: wallet.HolderJwk)]);

        FailingPresentationRequestStore.Of(verifier).FailNextWrite(IsOutcome);
        using (var cut = await wallet.PostDirectAsync(request, Token(vp)))
        {
            Assert.NotEqual(HttpStatusCode.OK, cut.StatusCode);
        }
        Assert.Equal("retrieved", (string?)(await verifier.StatusAsync(id))["status"]);

        verifier.Time!.Advance(TimeSpan.FromSeconds(ProcessingTimeout + 1));
        using var retry = await wallet.PostDirectAsync(request, Token(vp));
        Assert.True(retry.StatusCode == HttpStatusCode.OK, await retry.Content.ReadAsStringAsync());
        Assert.Equal("verified", (string?)(await verifier.StatusAsync(id))["status"]);
        Assert.Single(await verifier.Events.ForRequestAsync(id));
    }

    [Fact]
    public async Task Request_within_its_processing_deadline_still_accepts_no_second_response()
    {
        await using var verifier = await StartAsync();
        using var wallet = verifier.NewWallet();
        var (id, request) = await verifier.StartAsync(wallet, Queries.Dcql(Queries.LegalPersonCredentialQuery()));
        var vp = wallet.PresentVcJwt(request, [verifier.Issuer.IssueVcJwt("LegalPerson", Queries.LegalPersonSubject(), holderJwk: wallet.HolderJwk)]);

        FailingPresentationRequestStore.Of(verifier).FailNextWrite(IsOutcome);
        using (var cut = await wallet.PostDirectAsync(request, Token(vp)))
        {
            Assert.NotEqual(HttpStatusCode.OK, cut.StatusCode);
        }
        verifier.Time!.Advance(TimeSpan.FromSeconds(ProcessingTimeout - 5));
        using var second = await wallet.PostDirectAsync(request, Token(vp));
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Equal("retrieved", (string?)(await verifier.StatusAsync(id))["status"]);
    }

    [Fact]
    public async Task Request_stuck_in_processing_shows_as_expired_once_its_lifetime_is_over()
    {
        await using var verifier = await StartAsync();
        using var wallet = verifier.NewWallet();
        var (id, request) = await verifier.StartAsync(wallet, Queries.Dcql(Queries.LegalPersonCredentialQuery()));
        var vp = wallet.PresentVcJwt(request, [verifier.Issuer.IssueVcJwt("LegalPerson", Queries.LegalPersonSubject(), holderJwk: wallet.HolderJwk)]);

        FailingPresentationRequestStore.Of(verifier).FailNextWrite(IsOutcome);
        using (var cut = await wallet.PostDirectAsync(request, Token(vp)))
        {
            Assert.NotEqual(HttpStatusCode.OK, cut.StatusCode);
        }
        verifier.Time!.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal("expired", (string?)(await verifier.StatusAsync(id))["status"]);
        using var late = await wallet.PostDirectAsync(request, Token(vp));
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.Contains("expired", (string?)JsonNode.Parse(await late.Content.ReadAsStringAsync())!["error_description"], StringComparison.Ordinal);
    }
}
