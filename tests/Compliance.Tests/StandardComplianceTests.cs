using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Compliance.Tests;

[Collection(ComplianceCollection.Name)]
public sealed class StandardComplianceTests(ComplianceFixture fixture)
{
    [Fact]
    public async Task Compliant_participant_presentation_gets_a_label_credential_listing_each_credential_with_the_digest_of_its_bytes_as_received()
    {
        var credentials = fixture.Participant.SignedCredentials();
        var vcid = "https://participant.example/labels/" + Guid.NewGuid();

        using var response = await fixture.Compliance.PostPresentationAsync(fixture.Participant.Presentation(credentials), vcid);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        Assert.Equal("application/vc+jwt", response.Content.Headers.ContentType?.MediaType);

        var (header, payload) = await VerifyLabelAsync(fixture.Compliance, body);
        var complianceDid = "did:web:127.0.0.1%3A" + fixture.Compliance.BaseUrl.Port;
        Assert.Equal("vc+jwt", header.GetProperty("typ").GetString());
        Assert.Equal(complianceDid, header.GetProperty("iss").GetString());
        Assert.StartsWith(complianceDid + "#", header.GetProperty("kid").GetString(), StringComparison.Ordinal);

        Assert.Equal(vcid, payload.GetProperty("id").GetString());
        Assert.Equal(complianceDid, payload.GetProperty("issuer").GetString());
        Assert.Contains("gx:LabelCredential", payload.GetProperty("type").EnumerateArray().Select(t => t.GetString()));
        var validFrom = DateTimeOffset.Parse(payload.GetProperty("validFrom").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var validUntil = DateTimeOffset.Parse(payload.GetProperty("validUntil").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(TimeSpan.FromDays(90), validUntil - validFrom);

        var subject = payload.GetProperty("credentialSubject");
        Assert.Equal("SC", subject.GetProperty("gx:labelLevel").GetString());
        Assert.Equal("24.11", subject.GetProperty("gx:rulesVersion").GetString());
        Assert.False(string.IsNullOrEmpty(subject.GetProperty("gx:engineVersion").GetString()));

        var listed = subject.GetProperty("gx:compliantCredentials").EnumerateArray()
            .ToDictionary(c => c.GetProperty("id").GetString()!, c => (Type: c.GetProperty("gx:credentialType").GetString(), Digest: c.GetProperty("digestSRI").GetString()));
        Assert.Equal(3, listed.Count);
        var participant = fixture.Participant;
        Assert.Equal(("gx:LegalPerson", Sri(credentials[0])), listed[participant.LegalPersonCredentialId]);
        Assert.Equal(("gx:VatID", Sri(credentials[1])), listed[participant.VatIdCredentialId]);
        Assert.Equal(("gx:Issuer", Sri(credentials[2])), listed[participant.IssuerCredentialId]);
    }

    [Fact]
    public async Task Label_credential_without_vcid_gets_a_urn_uuid_id()
    {
        using var response = await fixture.Compliance.PostPresentationAsync(fixture.Participant.Presentation());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var (_, payload) = await VerifyLabelAsync(fixture.Compliance, await response.Content.ReadAsStringAsync());
        Assert.StartsWith("urn:uuid:", payload.GetProperty("id").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/vc+jwt")]
    [InlineData("text/plain")]
    public async Task Presentation_sent_with_another_media_type_is_refused_with_415_problem_details(string mediaType)
    {
        using var response = await fixture.Compliance.PostPresentationAsync(fixture.Participant.Presentation(), mediaType: mediaType);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(415, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Contains("application/vp+jwt", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Vcid_that_is_not_an_absolute_uri_is_refused_with_400()
    {
        using var response = await fixture.Compliance.PostPresentationAsync(fixture.Participant.Presentation(), vcid: "not a uri");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("vcid", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    internal static string Sri(string jwt) => "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(jwt)));

    /// <summary>
    /// Checks the label's signature the way a relying party does: the key is the verification method
    /// its <c>kid</c> names in the Compliance service's published DID document.
    /// </summary>
    internal static async Task<(JsonElement Header, JsonElement Payload)> VerifyLabelAsync(GaiaX.Oid4vc.Testing.TestServiceHost compliance, string jwt)
    {
        var parts = jwt.Split('.');
        Assert.Equal(3, parts.Length);
        var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0])).RootElement;
        var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1])).RootElement;
        Assert.Equal("ES256", header.GetProperty("alg").GetString());
        var kid = header.GetProperty("kid").GetString()!;

        using var document = JsonDocument.Parse(await compliance.Client.GetStringAsync("/.well-known/did.json"));
        Assert.Equal(header.GetProperty("iss").GetString(), document.RootElement.GetProperty("id").GetString());
        var method = document.RootElement.GetProperty("verificationMethod").EnumerateArray().Single(m => m.GetProperty("id").GetString() == kid);
        var jwk = method.GetProperty("publicKeyJwk");
        using var key = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = Base64Url.DecodeFromChars(jwk.GetProperty("x").GetString()), Y = Base64Url.DecodeFromChars(jwk.GetProperty("y").GetString()) },
        });
        Assert.True(key.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64Url.DecodeFromChars(parts[2]), HashAlgorithmName.SHA256), "the label's signature verifies with the published key");
        return (header, payload);
    }
}

/// <summary>The engine with the official Gaia-X 25.11 shapes and ontology, read from the local registry's shape source.</summary>
[Collection(ComplianceCollection.Name)]
public sealed class OfficialShapesTests(ComplianceFixture fixture)
{
    private static string OfficialFile(string name)
    {
        var path = Path.Combine(GaiaX.Oid4vc.Testing.RepositoryPaths.SharedData, "gaiax-25.11", name);
        Assert.True(File.Exists(path), $"The official Gaia-X 25.11 file {path} is missing (../shared/data/gaiax-25.11).");
        return path;
    }

    [Fact]
    public async Task Participant_presentation_complies_with_the_official_25_11_shapes_and_an_unknown_country_code_does_not()
    {
        await using var compliance = await ComplianceFixture.StartComplianceAsync(fixture.LocalRegistryArgs().Concat(
        [
            "--Compliance:Registry:Local:ShapesFile=" + OfficialFile("gx.shacl.ttl"),
            "--Compliance:Registry:Local:OntologyFile=" + OfficialFile("gx.owl.ttl"),
        ]), fixture.Time);

        using (var compliant = await compliance.PostPresentationAsync(fixture.Participant.Presentation()))
        {
            Assert.True(compliant.StatusCode == HttpStatusCode.Created, await compliant.Content.ReadAsStringAsync());
        }

        var legalPerson = fixture.Participant.LegalPerson();
        legalPerson["credentialSubject"]!["gx:headquartersAddress"]!["gx:countryCode"] = "XX";
        var credentials = fixture.Participant.SignedCredentials().ToArray();
        credentials[0] = Participant.SignCredential(fixture.ParticipantIdentity, legalPerson);
        using var violating = await compliance.PostPresentationAsync(fixture.Participant.Presentation(credentials));

        var failures = await violating.ReadFailuresAsync();
        var failure = Assert.Single(failures);
        Assert.Equal("ShaclShapes", failure.Filter);
        Assert.Contains("gx:countryCode", failure.Message, StringComparison.Ordinal);
        Assert.Contains("value \"XX\"", failure.Message, StringComparison.Ordinal);
        Assert.Equal(fixture.Participant.LegalPersonCredentialId, failure.CredentialId);
    }
}
