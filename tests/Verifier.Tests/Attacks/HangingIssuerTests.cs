using System.Text.Json.Nodes;
using Verifier.Tests.Rules;
using Verifier.Tests.Support;

namespace Verifier.Tests.Attacks;

/// <summary>
/// Item 12 of issue 18: a response whose credentials name issuers on a did:web host that never
/// answers is refused within the Verifier's one verification deadline, however many such
/// credentials it holds; the issuers are resolved concurrently, not one after another.
/// The did:web resolver is configured to wait a minute per document, longer than the wallet waits,
/// so without the Verifier's own deadline the wallet's request would time out instead.
/// </summary>
public sealed class HangingIssuerTests
{
    private static readonly string[] SlowResolver =
    [
        "--DidWeb:Timeout=00:01:30",
        "--DidWeb:AttemptTimeout=00:01:30",
        "--DidWeb:MaxRetries=0",
        "--Verifier:VerificationTimeoutSeconds=2",
    ];

    /// <summary>The wallet's patience: well above the deadline, well below the resolver's time-out.</summary>
    private static HttpClient Wallet(VerifierHost verifier) =>
        new(new ErrorDescriptionCharset(new HttpClientHandler())) { BaseAddress = verifier.Host.BaseUrl, Timeout = TimeSpan.FromSeconds(45) };

    [Fact]
    public async Task Credentials_from_a_hanging_did_web_host_are_refused_within_the_verification_deadline()
    {
        await using var hanging = await HangingDidWebHost.StartAsync();
        await using var verifier = await VerifierHost.StartAsync(false, false, SlowResolver);
        using var http = Wallet(verifier);
        using var wallet = new TestWallet(http, verifier.VerifierPki.Root);
        var query = Queries.LegalPersonCredentialQuery();
        query["multiple"] = true;
        var created = await verifier.CreateRequestAsync(Queries.Request(Queries.Dcql(query)));
        var request = await wallet.FetchAsync((string)created["authorization_request_uri"]!);
        var credentials = Enumerable.Range(0, 3).Select(i => hanging.IssueVcJwt(hanging.Did("issuer-" + i), wallet)).ToList();

        using var response = await wallet.PostDirectAsync(request, new JsonObject { ["legal_person"] = new JsonArray(wallet.PresentVcJwt(request, credentials)) });
        await verifier.AssertRejectedAsync(response, (string)created["request_id"]!, "verification_failed");
        // Resolved concurrently: every issuer's document was asked for before the deadline ended the wait.
        Assert.Equal(3, hanging.Requests);
    }

    [Fact]
    public async Task Several_presentations_from_a_hanging_did_web_host_share_one_deadline()
    {
        await using var hanging = await HangingDidWebHost.StartAsync();
        await using var verifier = await VerifierHost.StartAsync(false, false, SlowResolver);
        using var http = Wallet(verifier);
        using var wallet = new TestWallet(http, verifier.VerifierPki.Root);
        var query = Queries.LegalPersonCredentialQuery();
        query["multiple"] = true;
        var created = await verifier.CreateRequestAsync(Queries.Request(Queries.Dcql(query)));
        var request = await wallet.FetchAsync((string)created["authorization_request_uri"]!);
        var presentations = Enumerable.Range(0, 4)
            .Select(i => (JsonNode)wallet.PresentVcJwt(request, [hanging.IssueVcJwt(hanging.Did("issuer-" + i), wallet)]))
            .ToArray();

        using var response = await wallet.PostDirectAsync(request, new JsonObject { ["legal_person"] = new JsonArray(presentations) });
        await verifier.AssertRejectedAsync(response, (string)created["request_id"]!, "verification_failed");
        Assert.Equal(4, hanging.Requests);
    }
}
