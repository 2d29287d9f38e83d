using System.Net;
using System.Text.Json.Nodes;
using Verifier.Tests.Support;

namespace Verifier.Tests.Flows;

/// <summary>The same protocol on the Redis back end of the sidecar: ETag single-use and TTL on real Redis.</summary>
public sealed class RedisStateFlowTests
{
    [Fact]
    public async Task Presentation_is_verified_once_with_requests_kept_in_redis()
    {
        await using var verifier = await VerifierHost.StartAsync(fakeTime: false, redis: true);
        using var wallet = verifier.NewWallet();
        var created = await verifier.CreateRequestAsync(Queries.Request(Queries.Dcql(Queries.LegalPersonCredentialQuery(), Queries.EmployeeCredentialQuery()), responseMode: "direct_post.jwt"));
        var request = await wallet.FetchAsync((string)created["authorization_request_uri"]!);
        var vpToken = new JsonObject
        {
            ["legal_person"] = new JsonArray(wallet.PresentVcJwt(request, [verifier.Issuer.IssueVcJwt("LegalPerson", Queries.LegalPersonSubject(), holderJwk: wallet.HolderJwk)])),
            ["employee"] = new JsonArray(wallet.PresentSdJwt(request, verifier.Issuer.IssueSdJwt(Queries.EmployeeVct, Queries.EmployeeClaims(), wallet.HolderJwk), ["given_name", "family_name"])),
        };
        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => wallet.PostEncryptedAsync(request, vpToken)));
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        foreach (var response in responses)
        {
            response.Dispose();
        }
        var status = await verifier.StatusAsync((string)created["request_id"]!);
        Assert.Equal("verified", (string?)status["status"]);
        Assert.Equal("Ada", (string?)status["verified_credentials"]!["employee"]![0]!["claims"]!["given_name"]);
        Assert.Single(await verifier.Events.ForRequestAsync((string)created["request_id"]!));
    }
}
