using System.Net;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Testing;
using Verifier.Tests.Support;

namespace Verifier.Tests.Flows;

/// <summary>Transaction data (OpenID4VP 1.0 §8.4, §B.3.3): the KB-JWT must return the hashes of what was asked.</summary>
public sealed class TransactionDataTests(VerifierFixture fixture) : IClassFixture<VerifierFixture>
{
    private VerifierHost Verifier => fixture.Verifier;

    private async Task<(string Id, WalletRequest Request)> StartAsync(TestWallet wallet)
    {
        var body = Queries.Request(Queries.Dcql(Queries.EmployeeCredentialQuery()));
        body["transaction_data"] = new JsonArray(Jose.B64("""{"type":"urn:example:payment","credential_ids":["employee"],"amount":"42.00"}"""));
        var created = await Verifier.CreateRequestAsync(body);
        var request = await wallet.FetchAsync((string)created["authorization_request_uri"]!);
        Assert.Single(request.Payload["transaction_data"]!.AsArray());
        return ((string)created["request_id"]!, request);
    }

    [Fact]
    public async Task Key_binding_jwt_returning_the_transaction_data_hashes_is_verified()
    {
        var issuer = Verifier.Issuer;
        using var wallet = Verifier.NewWallet();
        var (id, request) = await StartAsync(wallet);
        var credential = issuer.IssueSdJwt(Queries.EmployeeVct, Queries.EmployeeClaims(), wallet.HolderJwk);
        using var response = await wallet.PostDirectAsync(request, new JsonObject { ["employee"] = new JsonArray(wallet.PresentSdJwt(request, credential, ["given_name", "family_name"])) });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("verified", (string?)(await Verifier.StatusAsync(id))["status"]);
    }

    [Fact]
    public async Task Key_binding_jwt_without_the_transaction_data_hashes_is_rejected_with_invalid_transaction_data()
    {
        var issuer = Verifier.Issuer;
        using var wallet = Verifier.NewWallet();
        var (id, request) = await StartAsync(wallet);
        var credential = issuer.IssueSdJwt(Queries.EmployeeVct, Queries.EmployeeClaims(), wallet.HolderJwk);
        using var response = await wallet.PostDirectAsync(request, new JsonObject { ["employee"] = new JsonArray(wallet.PresentSdJwt(request, credential, ["given_name", "family_name"], withTransactionData: false)) });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var status = await Verifier.StatusAsync(id);
        Assert.Equal("invalid_transaction_data", (string?)status["reasons"]![0]!["code"]);
    }
}
