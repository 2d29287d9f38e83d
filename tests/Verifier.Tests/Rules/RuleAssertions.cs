using System.Net;
using System.Text.Json.Nodes;
using Verifier.Tests.Support;

namespace Verifier.Tests.Rules;

internal static class RuleAssertions
{
    /// <summary>The wallet got the OAuth error and the request's status says rejected with <paramref name="reason"/>.</summary>
    public static async Task AssertRejectedAsync(this VerifierHost verifier, HttpResponseMessage response, string requestId, string reason, HttpStatusCode status = HttpStatusCode.BadRequest)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {status}, got {(int)response.StatusCode}: {body}");
        var error = JsonNode.Parse(body)!;
        Assert.Equal("invalid_request", (string?)error["error"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)error["error_description"]));

        var state = await verifier.StatusAsync(requestId);
        Assert.Equal("rejected", (string?)state["status"]);
        var codes = state["reasons"]!.AsArray().Select(r => (string?)r!["code"]).ToList();
        Assert.Contains(reason, codes);
        Assert.Null(state["verified_credentials"]);
    }

    public static async Task<(string RequestId, WalletRequest Request)> StartAsync(this VerifierHost verifier, TestWallet wallet, JsonObject dcql, string? responseMode = null)
    {
        var created = await verifier.CreateRequestAsync(Queries.Request(dcql, responseMode));
        var request = await wallet.FetchAsync((string)created["authorization_request_uri"]!);
        return ((string)created["request_id"]!, request);
    }
}
