using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Credentials.Jose;
using GaiaX.Oid4vc.Credentials.SdJwt;
using GaiaX.Oid4vc.Credentials.Tests.Support;
using GaiaX.Oid4vc.Credentials.VcJwt;

namespace GaiaX.Oid4vc.Credentials.Tests;

/// <summary>Round trips of the formats: issue, (present,) verify.</summary>
public sealed class CredentialFormatTests(CredentialsFixture fixture) : IClassFixture<CredentialsFixture>
{
    [Fact]
    public async Task Vc_jwt_is_issued_with_vc_jwt_header_and_verifies_through_did_web_and_the_certificate_chain()
    {
        var jwt = fixture.IssueVc();
        var parsed = Jws.Parse(jwt, JwsPolicy.VcJwt).Value!;
        Assert.Equal("vc+jwt", parsed.Type);
        Assert.Equal("vc", parsed.HeaderString("cty"));
        Assert.Equal(fixture.Issuer.Did, parsed.HeaderString("iss"));
        Assert.Equal(fixture.Issuer.KeyId, parsed.KeyId);
        Assert.Equal("ES256", parsed.Algorithm);

        var result = await fixture.VcVerifier.VerifyAsync(jwt);
        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal(fixture.Issuer.Did, result.Value.Issuer);
        Assert.Equal(fixture.Issuer.Did, result.Value.Key.Controller);
        Assert.Equal(3, result.Value.Key.CertificateChain.Count);
        Assert.Equal(fixture.Root.Thumbprint, result.Value.Key.CertificateChain[^1].Thumbprint);
    }

    [Fact]
    public void Vc_jwt_issuer_refuses_a_credential_that_breaks_the_vc_data_model_whether_or_not_it_names_its_issuer()
    {
        var party = fixture.Issuer;
        var withIssuer = CredentialsFixture.Credential(party.Did);
        withIssuer.Remove("credentialSubject");
        var withoutIssuer = CredentialsFixture.Credential(party.Did);
        withoutIssuer.Remove("issuer");
        withoutIssuer.Remove("@context");

        Assert.Contains("VC Data Model", Assert.Throws<ArgumentException>(() => fixture.VcIssuer.Issue(withIssuer, party.Key, party.Did)).Message, StringComparison.Ordinal);
        Assert.Contains("VC Data Model", Assert.Throws<ArgumentException>(() => fixture.VcIssuer.Issue(withoutIssuer, party.Key, party.Did)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Vc_jwt_issuer_adds_the_issuer_a_credential_leaves_out()
    {
        var party = fixture.Issuer;
        var credential = CredentialsFixture.Credential(party.Did);
        credential.Remove("issuer");

        var jwt = fixture.VcIssuer.Issue(credential, party.Key, party.Did);

        var result = await fixture.VcVerifier.VerifyAsync(jwt);
        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal(party.Did, result.Value.Issuer);
    }

    [Theory]
    [InlineData("vc+ld+jwt")]
    [InlineData("vc+ld+json+jwt")]
    [InlineData("application/vc+jwt")]
    public async Task Vc_jwt_with_an_older_gaia_x_typ_is_accepted(string typ)
    {
        var party = fixture.Issuer;
        var payload = CredentialsFixture.Credential(party.Did);
        var jwt = Jws.Create(new JsonObject { ["typ"] = typ, ["iss"] = party.Did }, payload, party.Key);
        var result = await fixture.VcVerifier.VerifyAsync(jwt);
        Assert.True(result.Succeeded, result.Error?.ToString());
    }

    [Fact]
    public async Task Vc_jwt_with_a_key_referenced_by_x5u_verifies()
    {
        var result = await fixture.VcVerifier.VerifyAsync(fixture.IssueVc("x5u.example"));
        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal(3, result.Value.Key.CertificateChain.Count);
    }

    [Fact]
    public async Task Vc_jwt_from_an_ev_certificate_passes_the_ev_policy_requirement()
    {
        var result = await fixture.EvVcVerifier.VerifyAsync(fixture.IssueVc("ev.example"));
        Assert.True(result.Succeeded, result.Error?.ToString());
    }

    [Fact]
    public async Task Vp_jwt_with_enveloped_credentials_verifies_each_credential_and_the_nonce_and_audience()
    {
        var vcs = new[] { fixture.IssueVc(), fixture.IssueVc("other.example") };
        var vp = fixture.VpIssuer.Issue(vcs, fixture.Holder.Key, fixture.Holder.Did, nonce: "n-1", audience: "did:web:verifier.example");
        var parsed = Jws.Parse(vp, JwsPolicy.VpJwt).Value!;
        Assert.Equal("vp+jwt", parsed.Type);
        var envelope = parsed.Payload.GetProperty("verifiableCredential")[0];
        Assert.Equal("EnvelopedVerifiableCredential", envelope.GetProperty("type").GetString());
        Assert.StartsWith("data:application/vc+jwt,eyJ", envelope.GetProperty("id").GetString(), StringComparison.Ordinal);

        var result = await fixture.VpVerifier.VerifyAsync(vp, new PresentationBinding { Nonce = "n-1", Audience = "did:web:verifier.example" });
        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal(fixture.Holder.Did, result.Value.Holder);
        Assert.Equal([fixture.Issuer.Did, "did:web:other.example"], result.Value.Credentials.Select(c => c.Issuer));
    }

    [Fact]
    public async Task Vp_jwt_collects_every_failing_credential_not_only_the_first()
    {
        var expired = fixture.SignVc("issuer.example", c => c["validUntil"] = "2026-02-01T00:00:00Z");
        var untrusted = fixture.IssueVc("untrusted.example");
        var vp = fixture.VpIssuer.Issue([fixture.IssueVc(), expired, untrusted], fixture.Holder.Key, fixture.Holder.Did);
        var result = await fixture.VpVerifier.VerifyAsync(vp);
        Assert.Equal(VerificationFailure.EnvelopedCredentialInvalid, result.Error?.Reason);
        Assert.Equal([VerificationFailure.Expired, VerificationFailure.UntrustedChain], result.Error!.Inner.Select(e => e.Reason));
    }

    [Fact]
    public async Task Sd_jwt_vc_with_nested_disclosures_and_decoys_is_presented_selectively_and_verifies()
    {
        var claims = new JsonObject
        {
            ["given_name"] = "Erika",
            ["family_name"] = "Mustermann",
            ["address"] = new JsonObject { ["street_address"] = "Heidestraße 17", ["locality"] = "Köln", ["country"] = "DE" },
            ["nationalities"] = new JsonArray("DE", "FR"),
        };
        var issued = fixture.SdJwtIssuer.Issue(new SdJwtIssueRequest
        {
            Claims = claims,
            Vct = "https://issuer.example/vct/person",
            Issuer = fixture.Issuer.Did,
            Disclosable = ["/given_name", "/family_name", "/address", "/address/street_address", "/address/locality", "/nationalities/1"],
            DecoysPerObject = 2,
            HolderKey = fixture.HolderKey.PublicKey.ToJwk(),
        }, fixture.Issuer.Key);

        var issuerJwt = Jws.Parse(issued.Split('~')[0], JwsPolicy.SdJwtVc).Value!;
        Assert.Equal("dc+sd-jwt", issuerJwt.Type);
        Assert.Equal(5, issuerJwt.Payload.GetProperty("_sd").GetArrayLength()); // given_name, family_name, address and two decoys
        Assert.False(issuerJwt.Payload.TryGetProperty("given_name", out _));
        Assert.True(issuerJwt.Payload.GetProperty("cnf").TryGetProperty("jwk", out _));

        // Disclose the address with its locality but not its street, the first name, and no nationality.
        var presentation = SdJwtHolder.Present(issued, d => d.Name is "address" or "locality" or "given_name",
            fixture.HolderKey, "nonce-42", "https://verifier.example", CredentialsFixture.Now);
        var result = await fixture.SdJwtVerifier.VerifyAsync(presentation, new SdJwtVerificationOptions { Nonce = "nonce-42", Audience = "https://verifier.example" });

        Assert.True(result.Succeeded, result.Error?.ToString());
        var revealed = result.Value.Claims;
        Assert.Equal("Erika", revealed["given_name"]!.GetValue<string>());
        Assert.False(revealed.ContainsKey("family_name"));
        Assert.Equal("Köln", revealed["address"]!["locality"]!.GetValue<string>());
        Assert.False(revealed["address"]!.AsObject().ContainsKey("street_address"));
        Assert.False(revealed["address"]!.AsObject().ContainsKey("_sd"));
        Assert.Equal(["DE"], revealed["nationalities"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal("https://issuer.example/vct/person", revealed["vct"]!.GetValue<string>());
    }

    [Fact]
    public async Task Sd_jwt_vc_signed_with_an_x5c_header_verifies_through_the_trust_anchor()
    {
        var issued = fixture.SdJwtIssuer.Issue(new SdJwtIssueRequest
        {
            Claims = new JsonObject { ["name"] = "A" },
            Vct = "urn:example:vct",
            Issuer = "https://issuer.example",
            Disclosable = ["/name"],
            UseX5c = true,
        }, fixture.Issuer.Key);
        var result = await fixture.SdJwtVerifier.VerifyAsync(issued, new SdJwtVerificationOptions { RequireKeyBinding = false });
        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal("A", result.Value.Claims["name"]!.GetValue<string>());
    }
}
