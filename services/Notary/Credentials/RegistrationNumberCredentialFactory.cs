using System.Globalization;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Credentials.RegistrationNumbers;
using GaiaX.Oid4vc.Notary.Registries;

namespace GaiaX.Oid4vc.Notary.Credentials;

/// <summary>
/// Builds the registration-number credential (VCDM 2.0) the Notary signs: types
/// <c>VerifiableCredential</c> + the Gaia-X 25.11 class, the subject holding exactly the properties
/// of the type's closed shape, and typed <c>evidence</c> naming the registry asked and when.
/// </summary>
public static class RegistrationNumberCredentialFactory
{
    public const string CredentialsV2Context = "https://www.w3.org/ns/credentials/v2";
    public const string GaiaXContext = "https://w3id.org/gaia-x/development#";
    public const string SchemaOrg = "https://schema.org/";

    /// <summary>
    /// The type of an <c>evidence</c> entry: VCDM 2.0 section 5.6 requires every entry to name one,
    /// and the entry holds the Gaia-X evidence properties (<c>gx:evidenceURL</c>,
    /// <c>gx:executionDate</c>, <c>gx:evidenceOf</c>), so it is typed in the same vocabulary.
    /// </summary>
    public const string EvidenceType = "gx:Evidence";

    public static JsonObject Create(
        RegistrationNumber number,
        RegistryCheckResult.Registered registration,
        string vcId,
        string subjectId,
        string issuer,
        DateTimeOffset issuedAt,
        TimeSpan validity
    )
    {
        ArgumentNullException.ThrowIfNull(number);
        ArgumentNullException.ThrowIfNull(registration);
        var type = number.Type.CredentialType();

        var subject = new JsonObject
        {
            ["id"] = subjectId,
            ["type"] = type,
            [number.Type.NumberProperty()] = number.Value,
        };
        switch (number.Type)
        {
            case RegistrationNumberType.VatId when number.CountryCode is { } country:
                subject["gx:countryCode"] = country;
                break;
            case RegistrationNumberType.LeiCode:
                if (registration.CountryCode is { Length: 2 } leiCountry)
                {
                    subject["gx:countryCode"] = leiCountry;
                }
                if (registration.SubdivisionCode is { } subdivision && IsSubdivisionCode(subdivision))
                {
                    subject["gx:subdivisionCountryCode"] = subdivision;
                }
                break;
            case RegistrationNumberType.Eori
                when number.CountryCode is { } eoriCountry && Countries.EuWithNorthernIreland.TryGetValue(eoriCountry, out var countryName):
                subject["gx:country"] = countryName;
                break;
        }

        var evidence = new JsonObject
        {
            ["type"] = EvidenceType,
            ["gx:evidenceURL"] = registration.Evidence.Url.AbsoluteUri,
            ["gx:executionDate"] = Timestamp(registration.Evidence.ExecutionDate),
            ["gx:evidenceOf"] = number.Type.NumberProperty(),
        };
        if (registration.Evidence.SyntaxOnly)
        {
            evidence["description"] =
                $"Syntax check only: no {RegistrationNumberSyntax.Describe(number.Type)} registry is configured, so no registry was "
                + $"consulted.";
        }

        return new JsonObject
        {
            ["@context"] = new JsonArray(CredentialsV2Context, GaiaXContext, new JsonObject { ["schema"] = SchemaOrg }),
            ["type"] = new JsonArray("VerifiableCredential", type),
            ["id"] = vcId,
            ["name"] = RegistrationNumberSyntax.Describe(number.Type),
            ["issuer"] = issuer,
            ["validFrom"] = Timestamp(issuedAt),
            ["validUntil"] = Timestamp(issuedAt + validity),
            ["credentialSubject"] = subject,
            ["evidence"] = new JsonArray(evidence),
        };
    }

    private static bool IsSubdivisionCode(string value) =>
        value.Length is >= 4 and <= 6
        && value[2] == '-'
        && char.IsAsciiLetterUpper(value[0])
        && char.IsAsciiLetterUpper(value[1])
        && value[3..].All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c));

    private static string Timestamp(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
