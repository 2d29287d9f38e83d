using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Credentials.Jose;
using GaiaX.Oid4vc.Credentials.VcJwt;
using GaiaX.Oid4vc.Rdf;
using GaiaX.Oid4vc.Rdf.GaiaX;
using GaiaX.Oid4vc.Rdf.JsonLd;
using GaiaX.Oid4vc.Rdf.Shacl;
using GaiaX.Oid4vc.Testing;
using GaiaX.Oid4vc.Wallet.Participant;
using Microsoft.Extensions.Time.Testing;

namespace Wallet.Tests;

/// <summary>
/// The participant's self-issued credentials conform to the official Gaia-X 25.11 shapes (closed
/// shapes), read from the release in the shared data with its JSON-LD context, and are VC-JWTs of
/// the participant's did:web key certified by the development CA.
/// </summary>
public sealed class GaiaXCredentialShapeTests : IDisposable
{
    private static readonly Lazy<ShapesGraph> Shapes = new(() => GaiaXShapes.LoadOfficial(Release));
    private static readonly Lazy<OfflineDocumentLoader> Loader = new(() => GaiaXShapes.CreateOfficialDocumentLoader(Release));
    private static readonly string TermsAndConditions2511 = "067dcac5efd18c1927deb1ffed3feab6d0ad044c0a9a263e6d5d8bdc43224515";

    private readonly string _folder = Directory.CreateTempSubdirectory("wallet-participant-").FullName;
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly ParticipantIdentity _participant;
    private readonly GaiaXCredentials _credentials;

    public GaiaXCredentialShapeTests()
    {
        _participant = ParticipantIdentity.CreateDevelopment(new Uri("https://participant.example"), Path.Combine(_folder, "participant"), Path.Combine(_folder, "dev-ca"), _time);
        _credentials = new GaiaXCredentials(_participant, new VcJwtIssuer(_time), _time);
    }

    private static string Release => Path.Combine(RepositoryPaths.SharedData, "gaiax-25.11");

    /// <summary>Validates the subjects of the credentials together, as a presentation is validated.</summary>
    private static ValidationReport Validate(params JsonObject[] credentials)
    {
        var graph = new Graph();
        foreach (var credential in credentials)
        {
            graph.AddAll(CredentialGraph.SubjectClaims(JsonLdToRdf.ToGraph(credential.ToJsonString(), Loader.Value)));
        }
        Assert.NotEmpty(graph.Triples);
        return Shapes.Value.Validate(graph, new ShaclValidationOptions { IgnoreDataGraphClassHierarchy = true });
    }

    /// <summary>The registration number the LegalPerson links to, shaped as the Notary issues it.</summary>
    private JsonObject VatId() => new()
    {
        ["@context"] = new JsonArray(GaiaXCredentials.CredentialsV2Context, GaiaXCredentials.GaiaXContext),
        ["type"] = new JsonArray("VerifiableCredential", "gx:VatID"),
        ["issuer"] = "did:web:notary.example",
        ["validFrom"] = "2026-01-01T00:00:00Z",
        ["credentialSubject"] = new JsonObject { ["id"] = _participant.Did + "#vat-id", ["type"] = "gx:VatID", ["gx:vatID"] = "DE812345673", ["gx:countryCode"] = "DE" },
    };

    [Fact]
    public void Legal_person_credential_with_its_registration_number_conforms_to_the_gaia_x_25_11_shapes()
    {
        var legalPerson = _credentials.LegalPerson("Example Cloud GmbH", _participant.Did + "#vat-id", new GaiaXAddress("DE", "Berlin", "10115", "Sample Street 1", "DE30"));
        var report = Validate(legalPerson, VatId());
        Assert.True(report.Conforms, report.ToJson());
    }

    [Fact]
    public void Legal_person_credential_without_its_registration_number_does_not_conform()
    {
        // The link must lead to a gx:RegistrationNumber: alone, the LegalPerson credential cannot pass.
        var report = Validate(_credentials.LegalPerson("Example Cloud GmbH", _participant.Did + "#vat-id", new GaiaXAddress("DE")));
        Assert.False(report.Conforms);
    }

    [Fact]
    public void Issuer_terms_and_conditions_credential_conforms_to_the_gaia_x_25_11_shape()
    {
        var report = Validate(_credentials.TermsAndConditions(TermsAndConditions2511));
        Assert.True(report.Conforms, report.ToJson());
    }

    [Fact]
    public void Terms_and_conditions_hash_outside_the_25_11_list_does_not_conform()
    {
        // Guards the two checks above: the same pipeline rejects what the shape forbids.
        var report = Validate(_credentials.TermsAndConditions(new string('0', 64)));
        Assert.False(report.Conforms);
    }

    [Fact]
    public void Self_issued_credential_is_a_vc_jwt_of_the_participant_did_web_key_with_its_certificate_chain()
    {
        var jwt = _credentials.Sign(_credentials.TermsAndConditions(TermsAndConditions2511));

        var parsed = Jws.Parse(jwt, JwsPolicy.VcJwt);
        Assert.True(parsed.Succeeded);
        Assert.Equal(_participant.KeyId, parsed.Value.KeyId);
        Assert.StartsWith(_participant.Did + "#", parsed.Value.KeyId, StringComparison.Ordinal);
        Assert.Null(parsed.Value.VerifySignature(_participant.Identity.SigningKey.PublicKey));
        var document = JsonNode.Parse(_participant.DidDocumentJson)!;
        var method = document["verificationMethod"]![0]!;
        Assert.Equal(_participant.KeyId, (string?)method["id"]);
        Assert.Equal(2, method["publicKeyJwk"]!["x5c"]!.AsArray().Count);
        var ca = File.ReadAllText(Path.Combine(_folder, "dev-ca", "ca.crt"));
        Assert.Equal(Convert.ToBase64String(System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(ca).RawData), (string?)method["publicKeyJwk"]!["x5c"]![1]);
    }

    public void Dispose()
    {
        _participant.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
