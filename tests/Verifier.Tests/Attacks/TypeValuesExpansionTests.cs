using System.Net;
using System.Text.Json.Nodes;
using Verifier.Tests.Rules;
using Verifier.Tests.Support;

namespace Verifier.Tests.Attacks;

/// <summary>
/// Item 19 of issue 18: DCQL <c>type_values</c> are fully expanded type IRIs, compared with the
/// credential's types after applying its <c>@context</c> (OpenID4VP 1.0 appendix B.1.1).
/// </summary>
public sealed class TypeValuesExpansionTests(VerifierFixture fixture) : IClassFixture<VerifierFixture>
{
    private const string GaiaXLegalPerson = "https://w3id.org/gaia-x/development#LegalPerson";

    private VerifierHost Verifier => fixture.Verifier;

    private static JsonObject Query(params string[] typeValues)
    {
        var query = Queries.LegalPersonCredentialQuery();
        query["meta"] = new JsonObject { ["type_values"] = new JsonArray(new JsonArray(typeValues.Select(t => (JsonNode)t).ToArray())) };
        return Queries.Dcql(query);
    }

    private string GaiaXCredential(TestWallet wallet) =>
        Verifier.Issuer.IssueVcJwt("LegalPerson", Queries.LegalPersonSubject(), holderJwk: wallet.HolderJwk, changePayload: p =>
        {
            p["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2", "https://w3id.org/gaia-x/development#");
            p["type"] = new JsonArray("VerifiableCredential", "gx:LegalPerson");
        });

    private static JsonObject Token(string presentation) => new() { ["legal_person"] = new JsonArray(presentation) };

    [Fact]
    public async Task Expanded_type_iri_matches_a_compact_type_defined_by_the_credentials_context()
    {
        using var wallet = Verifier.NewWallet();
        var (id, request) = await Verifier.StartAsync(wallet, Query("https://www.w3.org/2018/credentials#VerifiableCredential", GaiaXLegalPerson));
        using var response = await wallet.PostDirectAsync(request, Token(wallet.PresentVcJwt(request, [GaiaXCredential(wallet)])));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("verified", (string?)(await Verifier.StatusAsync(id))["status"]);
    }

    [Fact]
    public async Task Compact_type_name_in_type_values_does_not_match_the_expanded_type()
    {
        using var wallet = Verifier.NewWallet();
        var (id, request) = await Verifier.StartAsync(wallet, Query("gx:LegalPerson"));
        using var response = await wallet.PostDirectAsync(request, Token(wallet.PresentVcJwt(request, [GaiaXCredential(wallet)])));
        await Verifier.AssertRejectedAsync(response, id, "type_mismatch");
    }

    [Fact]
    public async Task Expanded_type_iri_does_not_match_a_gx_type_whose_prefix_the_credential_does_not_define()
    {
        using var wallet = Verifier.NewWallet();
        var (id, request) = await Verifier.StartAsync(wallet, Query(GaiaXLegalPerson));
        var credential = Verifier.Issuer.IssueVcJwt("LegalPerson", Queries.LegalPersonSubject(), holderJwk: wallet.HolderJwk,
            changePayload: p => p["type"] = new JsonArray("VerifiableCredential", "gx:LegalPerson"));
        using var response = await wallet.PostDirectAsync(request, Token(wallet.PresentVcJwt(request, [credential])));
        await Verifier.AssertRejectedAsync(response, id, "type_mismatch");
    }
}
