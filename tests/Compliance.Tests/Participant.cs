using System.Security.Cryptography;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Testing;

namespace Compliance.Tests;

/// <summary>
/// Builds the credentials of a Gaia-X participant and the VP-JWT that carries them: a LegalPerson
/// (self-issued), a VAT ID registration number (from the notary) and the issuer's agreement to the
/// terms and conditions (self-issued). Each test changes what its rule is about.
/// </summary>
public sealed class Participant(TestIdentity participant, TestIdentity notary, TimeProvider time)
{
    public const string CredentialsV2 = "https://www.w3.org/ns/credentials/v2";
    public const string GaiaXContext = "https://w3id.org/gaia-x/development#";

    /// <summary>The hash of the terms and conditions the test registry publishes (one of the two the 25.11 shapes allow).</summary>
    public static string TermsAndConditionsHash => GaiaX.Oid4vc.Compliance.Registry.DevelopmentRegistry.GaiaX2511TermsAndConditionsHashes[1];

    /// <summary>A hash the shapes allow but the test registry does not publish.</summary>
    public static string UnpublishedTermsAndConditionsHash => GaiaX.Oid4vc.Compliance.Registry.DevelopmentRegistry.GaiaX2511TermsAndConditionsHashes[0];

    public TestIdentity Identity => participant;

    public TestIdentity Notary => notary;

    public string RegistrationNumberId => participant.Did + "#vat";

    /// <summary>The legal person's node: distinct from the DID, which the gx:Issuer declaration describes.</summary>
    public string LegalPersonSubjectId => participant.Did + "#legal-person";

    public string LegalPersonCredentialId => "https://participant.example/credentials/legal-person";

    public string VatIdCredentialId => "https://notary.example/credentials/vat-BE0762747721";

    public string IssuerCredentialId => "https://participant.example/credentials/issuer";

    public JsonObject LegalPerson() => Credential(LegalPersonCredentialId, participant.Did, "gx:LegalPerson", new JsonObject
    {
        ["id"] = LegalPersonSubjectId,
        ["type"] = "gx:LegalPerson",
        ["gx:registrationNumber"] = new JsonObject { ["id"] = RegistrationNumberId },
        ["gx:headquartersAddress"] = Address(),
        ["gx:legalAddress"] = Address(),
    });

    public JsonObject VatId() => Credential(VatIdCredentialId, notary.Did, "gx:VatID", new JsonObject
    {
        ["id"] = RegistrationNumberId,
        ["type"] = "gx:VatID",
        ["gx:vatID"] = "BE0762747721",
        ["gx:countryCode"] = "BE",
    });

    public JsonObject IssuerDeclaration(string? hash = null) => Credential(IssuerCredentialId, participant.Did, "gx:Issuer", new JsonObject
    {
        ["id"] = participant.Did,
        ["type"] = "gx:Issuer",
        ["gx:gaiaxTermsAndConditions"] = hash ?? TermsAndConditionsHash,
    });

    public JsonObject ServiceOffering(string providedBy) => Credential("https://participant.example/credentials/service-offering", participant.Did, "gx:ServiceOffering", new JsonObject
    {
        ["id"] = participant.Did + "#service",
        ["type"] = "gx:ServiceOffering",
        ["gx:providedBy"] = new JsonObject { ["id"] = providedBy },
        ["gx:serviceOfferingTermsAndConditions"] = new JsonObject
        {
            ["type"] = "gx:TermsAndConditions",
            ["gx:url"] = new JsonObject { ["@value"] = "https://participant.example/terms", ["@type"] = "http://www.w3.org/2001/XMLSchema#anyURI" },
            ["gx:hash"] = "2d1f5c5e0f1b7a3c9e8d4b6a0c2e4f6a8b0d2f4a6c8e0a2c4e6a8c0e2a4c6e8a",
        },
    });

    public JsonObject Credential(string id, string issuer, string type, JsonObject subject)
    {
        var now = time.GetUtcNow();
        return new JsonObject
        {
            ["@context"] = new JsonArray(CredentialsV2, GaiaXContext),
            ["id"] = id,
            ["type"] = new JsonArray("VerifiableCredential", type),
            ["issuer"] = issuer,
            ["validFrom"] = Timestamp(now.AddDays(-1)),
            ["validUntil"] = Timestamp(now.AddDays(365)),
            ["credentialSubject"] = subject,
        };
    }

    public static JsonObject VcHeader(TestIdentity issuer) => new()
    {
        ["alg"] = "ES256",
        ["typ"] = "vc+jwt",
        ["cty"] = "vc",
        ["iss"] = issuer.Did,
        ["kid"] = issuer.KeyId,
    };

    public static string SignCredential(TestIdentity issuer, JsonObject payload, Action<JsonObject>? changeHeader = null)
    {
        var header = VcHeader(issuer);
        changeHeader?.Invoke(header);
        return issuer.Sign(header, payload);
    }

    /// <summary>The three credentials of a participant, signed by their issuers.</summary>
    public IReadOnlyList<string> SignedCredentials() =>
    [
        SignCredential(participant, LegalPerson()),
        SignCredential(notary, VatId()),
        SignCredential(participant, IssuerDeclaration()),
    ];

    public string Presentation(IEnumerable<string>? credentials = null, Action<JsonObject>? changeHeader = null, Action<JsonObject>? changePayload = null, TestIdentity? holder = null, ECDsa? signingKey = null)
    {
        holder ??= participant;
        var now = time.GetUtcNow();
        var payload = new JsonObject
        {
            ["@context"] = new JsonArray(CredentialsV2),
            ["type"] = new JsonArray("VerifiablePresentation"),
            ["holder"] = holder.Did,
            ["verifiableCredential"] = Envelope(credentials ?? SignedCredentials()),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["exp"] = now.AddMinutes(10).ToUnixTimeSeconds(),
        };
        changePayload?.Invoke(payload);
        var header = new JsonObject
        {
            ["alg"] = "ES256",
            ["typ"] = "vp+jwt",
            ["cty"] = "vp",
            ["iss"] = holder.Did,
            ["kid"] = holder.KeyId,
        };
        changeHeader?.Invoke(header);
        return TestIdentity.SignWith(signingKey ?? holder.Key, header, payload);
    }

    public static JsonArray Envelope(IEnumerable<string> credentials) =>
        new(credentials.Select(jwt => (JsonNode)new JsonObject
        {
            ["@context"] = new JsonArray(CredentialsV2),
            ["type"] = "EnvelopedVerifiableCredential",
            ["id"] = "data:application/vc+jwt," + jwt,
        }).ToArray());

    private static JsonObject Address() => new()
    {
        ["type"] = "gx:Address",
        ["gx:countryCode"] = "BE",
    };

    public static string Timestamp(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
