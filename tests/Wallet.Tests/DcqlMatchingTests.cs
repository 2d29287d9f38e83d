using System.Text.Json;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Credentials.Jose;
using GaiaX.Oid4vc.Credentials.SdJwt;
using GaiaX.Oid4vc.Credentials.VcJwt;
using GaiaX.Oid4vc.Wallet;
using GaiaX.Oid4vc.Wallet.Presentation;
using Microsoft.Extensions.Time.Testing;

namespace Wallet.Tests;

public sealed class DcqlMatchingTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-25T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly SigningKey _issuerKey = SigningKey.CreateEs256("did:web:notary.example#k");
    private readonly HolderKey _holder = HolderKey.Create();

    private HeldCredential VatId(string number = "BE0762747721") => HeldCredential.FromVcJwt(new VcJwtIssuer(_time).Issue(new JsonObject
    {
        ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2", "https://w3id.org/gaia-x/development#"),
        ["type"] = new JsonArray("VerifiableCredential", "gx:VatID"),
        ["issuer"] = "did:web:notary.example",
        ["validFrom"] = "2026-01-01T00:00:00Z",
        ["credentialSubject"] = new JsonObject { ["id"] = "did:web:p.example#vat", ["gx:vatID"] = number, ["gx:countryCode"] = "BE" },
    }, _issuerKey, "did:web:notary.example"));

    private HeldCredential LegalPerson() => HeldCredential.FromVcJwt(new VcJwtIssuer(_time).Issue(new JsonObject
    {
        ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2", "https://w3id.org/gaia-x/development#"),
        ["type"] = new JsonArray("VerifiableCredential", "gx:LegalPerson"),
        ["issuer"] = "did:web:notary.example",
        ["validFrom"] = "2026-01-01T00:00:00Z",
        ["credentialSubject"] = new JsonObject { ["id"] = "did:web:p.example", ["schema:name"] = "P SA" },
    }, _issuerKey, "did:web:notary.example"));

    private HeldCredential Employee() => HeldCredential.FromSdJwt(new SdJwtIssuer(_time).Issue(new SdJwtIssueRequest
    {
        Issuer = "https://issuer.example",
        Vct = "https://credentials.example/employee",
        Claims = new JsonObject
        {
            ["given_name"] = "Erika",
            ["family_name"] = "Mustermann",
            ["address"] = new JsonObject { ["locality"] = "Brussels", ["country"] = "BE" },
        },
        Disclosable = ["/given_name", "/family_name", "/address/locality", "/address/country"],
        HolderKey = _holder.PublicJwkCopy(),
    }, _issuerKey));

    private static DcqlQuery Query(string json) => DcqlQuery.Parse(JsonDocument.Parse(json).RootElement);

    [Fact]
    public void Credential_matches_when_its_types_contain_one_type_values_alternative()
    {
        var query = Query("""{"credentials":[{"id":"vat","format":"jwt_vc_json","meta":{"type_values":[["https://w3id.org/gaia-x/development#EORI"],["https://www.w3.org/2018/credentials#VerifiableCredential","https://w3id.org/gaia-x/development#VatID"]]}}]}""");

        var selection = DcqlMatcher.Select(query, [LegalPerson(), VatId()]);

        Assert.NotNull(selection);
        Assert.Contains("https://w3id.org/gaia-x/development#VatID", Assert.Single(selection["vat"]).Credential.Types);
    }

    [Fact]
    public void Credential_of_another_format_does_not_match()
    {
        var query = Query("""{"credentials":[{"id":"vat","format":"dc+sd-jwt","meta":{}}]}""");
        Assert.Null(DcqlMatcher.Select(query, [VatId()]));
    }

    [Fact]
    public void Claim_with_values_matches_only_an_equal_value()
    {
        var wanted = Query("""{"credentials":[{"id":"vat","format":"jwt_vc_json","meta":{},"claims":[{"path":["credentialSubject","gx:vatID"],"values":["BE0762747721"]}]}]}""");
        var other = Query("""{"credentials":[{"id":"vat","format":"jwt_vc_json","meta":{},"claims":[{"path":["credentialSubject","gx:vatID"],"values":["DE129273398"]}]}]}""");

        Assert.NotNull(DcqlMatcher.Select(wanted, [VatId()]));
        Assert.Null(DcqlMatcher.Select(other, [VatId()]));
    }

    [Fact]
    public void Missing_claim_means_no_match()
    {
        var query = Query("""{"credentials":[{"id":"vat","format":"jwt_vc_json","meta":{},"claims":[{"path":["credentialSubject","gx:leiCode"]}]}]}""");
        Assert.Null(DcqlMatcher.Select(query, [VatId()]));
    }

    [Fact]
    public void Without_credential_sets_every_credential_query_must_be_answered()
    {
        var query = Query("""{"credentials":[{"id":"vat","format":"jwt_vc_json","meta":{"type_values":[["https://w3id.org/gaia-x/development#VatID"]]}},{"id":"lp","format":"jwt_vc_json","meta":{"type_values":[["https://w3id.org/gaia-x/development#LegalPerson"]]}}]}""");

        Assert.Null(DcqlMatcher.Select(query, [VatId()]));
        Assert.Equal(["lp", "vat"], DcqlMatcher.Select(query, [VatId(), LegalPerson()])!.Keys.Order());
    }

    [Fact]
    public void Optional_credential_set_that_cannot_be_satisfied_is_left_out()
    {
        var query = Query("""
            {"credentials":[{"id":"vat","format":"jwt_vc_json","meta":{"type_values":[["https://w3id.org/gaia-x/development#VatID"]]}},{"id":"lei","format":"jwt_vc_json","meta":{"type_values":[["https://w3id.org/gaia-x/development#LeiCode"]]}}],
             "credential_sets":[{"options":[["vat"]]},{"options":[["lei"]],"required":false}]}
            """);

        var selection = DcqlMatcher.Select(query, [VatId()]);

        Assert.Equal(["vat"], selection!.Keys);
    }

    [Fact]
    public void Required_credential_set_takes_the_first_option_the_wallet_can_satisfy()
    {
        var query = Query("""
            {"credentials":[{"id":"lei","format":"jwt_vc_json","meta":{"type_values":[["https://w3id.org/gaia-x/development#LeiCode"]]}},{"id":"vat","format":"jwt_vc_json","meta":{"type_values":[["https://w3id.org/gaia-x/development#VatID"]]}}],
             "credential_sets":[{"options":[["lei"],["vat"]]}]}
            """);

        Assert.Equal(["vat"], DcqlMatcher.Select(query, [VatId()])!.Keys);
        Assert.Null(DcqlMatcher.Select(query, [LegalPerson()]));
    }

    [Fact]
    public void Multiple_false_returns_one_credential_multiple_true_returns_all()
    {
        var single = Query("""{"credentials":[{"id":"vat","format":"jwt_vc_json","meta":{}}]}""");
        var multiple = Query("""{"credentials":[{"id":"vat","format":"jwt_vc_json","meta":{},"multiple":true}]}""");

        Assert.Single(DcqlMatcher.Select(single, [VatId(), VatId("BE0000000097")])!["vat"]);
        Assert.Equal(2, DcqlMatcher.Select(multiple, [VatId(), VatId("BE0000000097")])!["vat"].Count);
    }

    [Fact]
    public void Claim_sets_pick_the_first_satisfiable_combination()
    {
        var query = Query("""
            {"credentials":[{"id":"emp","format":"dc+sd-jwt","meta":{"vct_values":["https://credentials.example/employee"]},
              "claims":[{"id":"a","path":["age_over_18"]},{"id":"g","path":["given_name"]},{"id":"f","path":["family_name"]}],
              "claim_sets":[["a"],["g","f"]]}]}
            """);

        var match = Assert.Single(DcqlMatcher.Select(query, [Employee()])!["emp"]);

        Assert.Equal([["given_name"], ["family_name"]], match.DisclosedPaths.Select(p => p.Select(e => (string)e!).ToArray()));
    }

    [Fact]
    public void Sd_jwt_presentation_discloses_only_the_requested_claims_and_binds_to_client_id_and_nonce()
    {
        var query = Query("""{"credentials":[{"id":"emp","format":"dc+sd-jwt","meta":{"vct_values":["https://credentials.example/employee"]},"claims":[{"path":["address","locality"]}]}]}""");
        var request = new VerifiedPresentationRequest("decentralized_identifier:did:web:verifier.example", "direct_post", new Uri("https://verifier.example/response/1"), "n-42", "s", query, null);
        var responder = new Oid4vpResponder(new HttpClient(), null!, new VpJwtIssuer(_time), _holder, "did:web:p.example", _time);

        var token = responder.BuildVpToken(request, [Employee()])!;

        var presentation = (string)token["emp"]![0]!;
        Assert.NotNull(presentation);
        var parts = presentation.Split('~');
        var disclosed = parts[1..^1].Select(p => Disclosure.Parse(p).Value!).ToList();
        Assert.Equal(["locality"], disclosed.Where(d => d.Name is not null).Select(d => d.Name!));
        var kb = Jws.Parse(parts[^1], JwsPolicy.KeyBinding);
        Assert.True(kb.Succeeded);
        Assert.Equal("decentralized_identifier:did:web:verifier.example", kb.Value.PayloadString("aud"));
        Assert.Equal("n-42", kb.Value.PayloadString("nonce"));
    }

    [Fact]
    public void Sd_jwt_without_claims_query_discloses_nothing_selectively_disclosable()
    {
        var query = Query("""{"credentials":[{"id":"emp","format":"dc+sd-jwt","meta":{}}]}""");
        var request = new VerifiedPresentationRequest("x509_san_dns:verifier.example", "direct_post", new Uri("https://verifier.example/r"), "n", null, query, null);
        var responder = new Oid4vpResponder(new HttpClient(), null!, new VpJwtIssuer(_time), _holder, "did:web:p.example", _time);

        var parts = ((string)responder.BuildVpToken(request, [Employee()])!["emp"]![0]!).Split('~');

        Assert.Equal(2, parts.Length);
    }

    [Fact]
    public void Vp_jwt_is_keyed_by_query_id_and_bound_to_the_full_client_id_and_nonce()
    {
        var query = Query("""{"credentials":[{"id":"vat","format":"jwt_vc_json","meta":{}}]}""");
        var request = new VerifiedPresentationRequest("decentralized_identifier:did:web:verifier.example", "direct_post", new Uri("https://verifier.example/r"), "n-9", null, query, null);
        using var holder = HolderKey.FromECDsa(System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256), "did:web:p.example#k");
        var responder = new Oid4vpResponder(new HttpClient(), null!, new VpJwtIssuer(_time), holder, "did:web:p.example", _time);

        var vp = Jws.Parse((string)responder.BuildVpToken(request, [VatId()])!["vat"]![0]!, JwsPolicy.VpJwt);

        Assert.True(vp.Succeeded);
        Assert.Equal("decentralized_identifier:did:web:verifier.example", vp.Value.PayloadString("aud"));
        Assert.Equal("n-9", vp.Value.PayloadString("nonce"));
        Assert.Equal("did:web:p.example", vp.Value.PayloadString("holder"));
        var envelope = vp.Value.Payload.GetProperty("verifiableCredential")[0].GetProperty("id").GetString();
        Assert.StartsWith("data:application/vc+jwt,", envelope, StringComparison.Ordinal);
    }

    [Fact]
    public void Jwt_vc_json_query_that_waives_holder_binding_gets_the_vc_jwt_itself()
    {
        var query = Query("""{"credentials":[{"id":"vat","format":"jwt_vc_json","require_cryptographic_holder_binding":false,"meta":{}}]}""");
        var request = new VerifiedPresentationRequest("decentralized_identifier:did:web:verifier.example", "direct_post", new Uri("https://verifier.example/r"), "n-9", null, query, null);
        var responder = new Oid4vpResponder(new HttpClient(), null!, new VpJwtIssuer(_time), _holder, "did:web:p.example", _time);
        var vatId = VatId();

        var entry = (string)Assert.Single(responder.BuildVpToken(request, [vatId])!["vat"]!.AsArray())!;

        Assert.Equal(vatId.Raw, entry);
    }

    [Fact]
    public void Jwt_vc_json_credentials_answering_one_multiple_query_travel_in_one_vp_jwt()
    {
        var query = Query("""{"credentials":[{"id":"gaiax","format":"jwt_vc_json","multiple":true,"meta":{"type_values":[["https://w3id.org/gaia-x/development#LegalPerson"],["https://w3id.org/gaia-x/development#VatID"]]}}]}""");
        var request = new VerifiedPresentationRequest("decentralized_identifier:did:web:verifier.example", "direct_post", new Uri("https://verifier.example/r"), "n", null, query, null);
        using var holder = HolderKey.FromECDsa(System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256), "did:web:p.example#k");
        var responder = new Oid4vpResponder(new HttpClient(), null!, new VpJwtIssuer(_time), holder, "did:web:p.example", _time);

        var entries = responder.BuildVpToken(request, [LegalPerson(), VatId()])!["gaiax"]!.AsArray();

        var vp = Jws.Parse((string)entries.Single()!, JwsPolicy.VpJwt);
        Assert.True(vp.Succeeded);
        Assert.Equal(2, vp.Value.Payload.GetProperty("verifiableCredential").GetArrayLength());
    }

    [Theory]
    [InlineData("""{"credentials":[]}""")]
    [InlineData("""{"credentials":[{"id":"a b","format":"jwt_vc_json","meta":{}}]}""")]
    [InlineData("""{"credentials":[{"id":"a","format":"jwt_vc_json","meta":{}},{"id":"a","format":"jwt_vc_json","meta":{}}]}""")]
    [InlineData("""{"credentials":[{"id":"a","format":"jwt_vc_json"}]}""")]
    [InlineData("""{"credentials":[{"id":"a","format":"jwt_vc_json","meta":{},"claims":[{"path":[]}]}]}""")]
    [InlineData("""{"credentials":[{"id":"a","format":"jwt_vc_json","meta":{},"claim_sets":[["x"]]}]}""")]
    [InlineData("""{"credentials":[{"id":"a","format":"jwt_vc_json","meta":{}}],"credential_sets":[{"options":[["b"]]}]}""")]
    public void Malformed_dcql_query_is_refused(string json) =>
        Assert.Equal("invalid_request", Assert.Throws<WalletProtocolException>(() => Query(json)).Error);

    public void Dispose()
    {
        _issuerKey.Dispose();
        _holder.Dispose();
    }
}
