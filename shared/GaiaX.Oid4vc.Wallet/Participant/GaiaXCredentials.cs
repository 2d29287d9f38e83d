using System.Globalization;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Credentials.VcJwt;

namespace GaiaX.Oid4vc.Wallet.Participant;

/// <summary>
/// A participant's self-issued Gaia-X credentials in the 25.11 shapes: <c>gx:LegalPerson</c> (legal and
/// headquarters address, a link to the registration number the notary attests) and <c>gx:Issuer</c>
/// (the hash of the Gaia-X terms and conditions the participant agreed to), and as a provider a
/// <c>gx:ServiceOffering</c> with the <c>gx:ComplianceCriteria</c> it declares for label levels. VCDM 2.0
/// credentials, secured as VC-JWT by the participant's did:web key.
/// </summary>
public sealed class GaiaXCredentials(ParticipantIdentity participant, VcJwtIssuer issuer, TimeProvider time)
{
    public const string CredentialsV2Context = "https://www.w3.org/ns/credentials/v2";
    public const string GaiaXContext = "https://w3id.org/gaia-x/development#";
    public const string SchemaOrg = "https://schema.org/";

    /// <summary>The LegalPerson VC; <paramref name="registrationNumberId"/> is the subject id of the notary's registration-number
    /// VC.</summary>
    public JsonObject LegalPerson(
        string legalName,
        string registrationNumberId,
        GaiaXAddress legalAddress,
        GaiaXAddress? headquartersAddress = null,
        TimeSpan? validity = null
    )
    {
        var subject = new JsonObject
        {
            ["id"] = participant.Did,
            ["type"] = "gx:LegalPerson",
            ["schema:name"] = legalName,
            ["gx:registrationNumber"] = new JsonObject { ["id"] = registrationNumberId },
            ["gx:legalAddress"] = Address(legalAddress),
            ["gx:headquartersAddress"] = Address(headquartersAddress ?? legalAddress),
        };
        return Credential(CredentialId("legal-person"), "gx:LegalPerson", subject, validity);
    }

    /// <summary>The Issuer VC: the participant's agreement to the Gaia-X terms and conditions (their SHA-256 hash, hex).</summary>
    public JsonObject TermsAndConditions(string termsAndConditionsHash, TimeSpan? validity = null)
    {
        var subject = new JsonObject
        {
            ["id"] = participant.Did,
            ["type"] = "gx:Issuer",
            ["gx:gaiaxTermsAndConditions"] = termsAndConditionsHash,
        };
        return Credential(CredentialId("issuer"), "gx:Issuer", subject, validity);
    }

    /// <summary>
    /// A service offering this participant provides (<c>gx:providedBy</c> its LegalPerson), with the terms and conditions
    /// that govern it (their URL and SHA-256 hash, hex). Its subject id is <c>{did}#{name}</c>.
    /// </summary>
    public JsonObject ServiceOffering(string name, Uri termsUrl, string termsHash, TimeSpan? validity = null)
    {
        ArgumentNullException.ThrowIfNull(termsUrl);
        var subject = new JsonObject
        {
            ["id"] = ServiceOfferingId(name),
            ["type"] = "gx:ServiceOffering",
            ["gx:providedBy"] = new JsonObject { ["id"] = participant.Did },
            ["gx:serviceOfferingTermsAndConditions"] = new JsonObject
            {
                ["type"] = "gx:TermsAndConditions",
                ["gx:url"] = new JsonObject { ["@value"] = termsUrl.AbsoluteUri, ["@type"] = "http://www.w3.org/2001/XMLSchema#anyURI" },
                ["gx:hash"] = termsHash,
            },
        };
        return Credential(CredentialId("service-offering-" + name), "gx:ServiceOffering", subject, validity);
    }

    /// <summary>The subject id of the service offering <paramref name="name"/>.</summary>
    public string ServiceOfferingId(string name) => participant.Did + "#" + name;

    /// <summary>
    /// The participant's declaration, as the provider, of Compliance Document criteria (ids such as <c>P1.1.1</c>) for
    /// <paramref name="assignedTo"/> (a service offering's subject id, or its own DID for the criteria about the provider):
    /// each answered <c>Confirm</c>, as the label levels read them.
    /// </summary>
    public JsonObject ComplianceCriteria(string assignedTo, IEnumerable<string> confirmed, TimeSpan? validity = null)
    {
        ArgumentNullException.ThrowIfNull(confirmed);
        var answers = new JsonObject();
        foreach (var criterion in confirmed)
        {
            answers["gx:" + criterion] = new JsonObject { ["gx:response"] = "Confirm" };
        }
        var subject = new JsonObject
        {
            ["id"] = "urn:uuid:" + Guid.NewGuid().ToString("D"),
            ["type"] = "gx:ComplianceCriteria",
            ["gx:assignedTo"] = new JsonObject { ["id"] = assignedTo },
            ["gx:criteria"] = answers,
        };
        return Credential(CredentialId("criteria-" + Guid.NewGuid().ToString("N")), "gx:ComplianceCriteria", subject, validity);
    }

    /// <summary>Signs a credential as VC-JWT with the participant's key (<c>kid</c> = its DID URL).</summary>
    public string Sign(JsonObject credential) => issuer.Issue(credential, participant.Identity.SigningKey, participant.Did);

    private JsonObject Credential(string id, string type, JsonObject subject, TimeSpan? validity)
    {
        var now = time.GetUtcNow();
        return new JsonObject
        {
            // The 25.11 context names schema.org "httpsschema"; the shapes' schema:name needs the usual prefix.
            ["@context"] = new JsonArray(CredentialsV2Context, GaiaXContext, new JsonObject { ["schema"] = SchemaOrg }),
            ["id"] = id,
            ["type"] = new JsonArray("VerifiableCredential", type),
            ["issuer"] = participant.Did,
            ["validFrom"] = Timestamp(now.AddMinutes(-1)),
            ["validUntil"] = Timestamp(now + (validity ?? TimeSpan.FromDays(365))),
            ["credentialSubject"] = subject,
        };
    }

    private string CredentialId(string name) => $"{participant.Did}:credentials:{name}";

    private static JsonObject Address(GaiaXAddress address)
    {
        var result = new JsonObject { ["type"] = "gx:Address", ["gx:countryCode"] = address.CountryCode };
        if (address.Region is not null)
        {
            result["vcard:region"] = address.Region;
        }
        if (address.StreetAddress is not null)
        {
            result["vcard:street-address"] = address.StreetAddress;
        }
        if (address.Locality is not null)
        {
            result["vcard:locality"] = address.Locality;
        }
        if (address.PostalCode is not null)
        {
            result["vcard:postal-code"] = address.PostalCode;
        }
        return result;
    }

    private static string Timestamp(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
