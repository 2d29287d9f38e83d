using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Issuer.Tests;

/// <summary>
/// SD-JWT VC Type Metadata, checked the way the conformance suite's VCIFetchSdJwtVcTypeMetadata,
/// VCIEnsureSdJwtVcVctMatchesTypeMetadataVct, VCIVerifyTypeMetadataIntegrity and
/// VCIEnsureSelectiveDisclosureConformsToTypeMetadata check it: the vct is an HTTPS-style URL this Issuer serves, the
/// document names the same vct, the credential's vct#integrity is the SRI hash of the bytes served, and claims marked
/// "sd": "always" are disclosures.
/// </summary>
public sealed class TypeMetadataTests(IssuerFixture fixture) : IClassFixture<IssuerFixture>
{
    private static readonly HashSet<string> DocumentMembers = ["vct", "name", "description", "extends", "extends#integrity", "display", "claims"];

    private async Task<(JsonObject Payload, string SdJwt)> IssueAsync()
    {
        using var wallet = fixture.NewWallet();
        var accessToken = await wallet.PreAuthorizedAccessTokenAsync(IssuerFixture.LegalPersonOffer(configuration: "LegalPerson_dc_sd_jwt"));
        var (status, body, _) = await wallet.RequestCredentialAsync(accessToken, new
        {
            credential_configuration_id = "LegalPerson_dc_sd_jwt",
            proofs = new { jwt = new[] { wallet.Proof(wallet.NewKey(), await wallet.NonceAsync()) } },
        });
        Assert.Equal(HttpStatusCode.OK, status);
        var sdJwt = body!["credentials"]![0]!["credential"]!.GetValue<string>();
        return (CredentialChecks.DecodePart(sdJwt.Split('~')[0].Split('.')[1]).AsObject(), sdJwt);
    }

    [Fact]
    public async Task The_vct_of_an_issued_SD_JWT_VC_is_a_URL_serving_its_type_metadata_with_the_same_vct()
    {
        var (payload, _) = await IssueAsync();
        var vct = payload["vct"]!.GetValue<string>();

        Assert.StartsWith(fixture.IssuerId + "/", vct, StringComparison.Ordinal);
        using var response = await fixture.Client.GetAsync(new Uri(vct));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal(vct, document["vct"]!.GetValue<string>());
        Assert.All(document.Select(p => p.Key), key => Assert.Contains(key, DocumentMembers));
        Assert.Equal("Gaia-X Legal Person (SD-JWT)", document["name"]!.GetValue<string>());
        Assert.Equal([["legal_name"], ["headquarters_country"], ["legal_address_country"]],
            document["claims"]!.AsArray().Select(c => c!["path"]!.AsArray().Select(p => p!.GetValue<string>()).ToArray()));
        Assert.All(document["claims"]!.AsArray(), c => Assert.All(c!.AsObject().Select(p => p.Key), key => Assert.Contains(key, new[] { "path", "display", "mandatory", "sd", "svg_id" })));
    }

    [Fact]
    public async Task The_vct_integrity_of_an_issued_SD_JWT_VC_is_the_SRI_hash_of_the_bytes_served()
    {
        var (payload, _) = await IssueAsync();

        var bytes = await fixture.Client.GetByteArrayAsync(new Uri(payload["vct"]!.GetValue<string>()));

        Assert.Equal("sha256-" + Convert.ToBase64String(SHA256.HashData(bytes)), payload["vct#integrity"]!.GetValue<string>());
    }

    [Fact]
    public async Task Claims_the_type_metadata_marks_always_selectively_disclosable_are_never_in_the_clear()
    {
        var (payload, sdJwt) = await IssueAsync();
        var document = JsonNode.Parse(await fixture.Client.GetStringAsync(new Uri(payload["vct"]!.GetValue<string>())))!;
        var disclosed = sdJwt.Split('~')[1..].Where(d => d.Length > 0)
            .Select(d => JsonNode.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(d))!.AsArray()[1]!.GetValue<string>())
            .ToHashSet();

        var always = document["claims"]!.AsArray().Where(c => (string?)c!["sd"] == "always").Select(c => c!["path"]![0]!.GetValue<string>()).ToList();

        // As the suite does, a claim the credential does not have (the offer gave no legal_address_country) is not judged.
        Assert.All(always, name => Assert.Null(payload[name]));
        Assert.Equal(["legal_name", "headquarters_country"], always.Where(disclosed.Contains));
    }

    [Fact]
    public async Task An_unknown_type_is_a_404_problem()
    {
        using var response = await fixture.Client.GetAsync("/types/NoSuchConfiguration");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }
}
