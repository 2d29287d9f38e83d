using System.Text.Json;
using GaiaX.Oid4vc.Credentials.Protocol;
using GaiaX.Oid4vc.Issuer.Metadata;

namespace GaiaX.Oid4vc.Issuer.Authorization;

/// <summary>Parses <c>authorization_details</c> (RFC 9396) of type <c>openid_credential</c>.</summary>
public static class AuthorizationDetails
{
    public const string OpenIdCredential = "openid_credential";

    /// <summary>
    /// The credential configuration ids requested, each known to <paramref name="catalog"/>. The
    /// <c>locations</c>, when present, must name this Credential Issuer.
    /// </summary>
    public static Outcome<IReadOnlyList<string>> Parse(string? value, CredentialConfigurationCatalog catalog, string credentialIssuer)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        if (string.IsNullOrEmpty(value))
        {
            return Outcome<IReadOnlyList<string>>.Success([]);
        }
        try
        {
            using var document = JsonDocument.Parse(value);
            if (document.RootElement.ValueKind != JsonValueKind.Array || document.RootElement.GetArrayLength() == 0)
            {
                return Invalid("authorization_details must be a non-empty JSON array");
            }
            var ids = new List<string>();
            foreach (var detail in document.RootElement.EnumerateArray())
            {
                if (
                    detail.ValueKind != JsonValueKind.Object
                    || !detail.TryGetProperty("type", out var type)
                    || type.ValueKind != JsonValueKind.String
                )
                {
                    return Invalid("each authorization_details entry must be an object with a type");
                }
                if (type.GetString() != OpenIdCredential)
                {
                    return Invalid($"authorization_details type '{type.GetString()}' is not supported");
                }
                if (!detail.TryGetProperty("credential_configuration_id", out var id) || id.ValueKind != JsonValueKind.String)
                {
                    return Invalid("an openid_credential authorization detail needs a credential_configuration_id");
                }
                if (catalog.Find(id.GetString()) is null)
                {
                    return Invalid($"credential configuration '{id.GetString()}' is not supported");
                }
                if (
                    detail.TryGetProperty("locations", out var locations)
                    && (
                        locations.ValueKind != JsonValueKind.Array
                        || !locations.EnumerateArray().Any(l => l.ValueKind == JsonValueKind.String && l.GetString() == credentialIssuer)
                    )
                )
                {
                    return Invalid("authorization_details locations must name this credential issuer");
                }
                ids.Add(id.GetString()!);
            }
            return Outcome<IReadOnlyList<string>>.Success(ids.Distinct(StringComparer.Ordinal).ToArray());
        }
        catch (JsonException)
        {
            return Invalid("authorization_details is not valid JSON");
        }
    }

    private static Outcome<IReadOnlyList<string>> Invalid(string description) =>
        Outcome<IReadOnlyList<string>>.Fail(ErrorCodes.InvalidAuthorizationDetails, description);
}
