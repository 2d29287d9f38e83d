using System.Text.Json;

namespace GaiaX.Oid4vc.Wallet.Issuance;

/// <summary>A Credential Offer (OpenID4VCI 1.0 §4.1.1).</summary>
public sealed record CredentialOffer(
    string CredentialIssuer,
    IReadOnlyList<string> CredentialConfigurationIds,
    PreAuthorizedCodeGrant? PreAuthorizedCode,
    AuthorizationCodeGrant? AuthorizationCode
)
{
    public const string PreAuthorizedGrantType = "urn:ietf:params:oauth:grant-type:pre-authorized_code";

    /// <summary>Parses the offer JSON object, enforcing the shape the specification requires.</summary>
    public static CredentialOffer Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 32, AllowDuplicateProperties = false });
        }
        catch (JsonException ex)
        {
            throw new WalletProtocolException("invalid_credential_offer", "The credential offer is not valid JSON.", ex);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Invalid("The credential offer must be a JSON object.");
            }
            var issuer = RequiredString(root, "credential_issuer");
            if (
                !Uri.TryCreate(issuer, UriKind.Absolute, out var issuerUri)
                || (issuerUri.Scheme != Uri.UriSchemeHttps && !(issuerUri.Scheme == Uri.UriSchemeHttp && issuerUri.IsLoopback))
                || !string.IsNullOrEmpty(issuerUri.Query)
                || !string.IsNullOrEmpty(issuerUri.Fragment)
            )
            {
                throw Invalid("credential_issuer must be an https URL without query or fragment.");
            }
            if (
                !root.TryGetProperty("credential_configuration_ids", out var ids)
                || ids.ValueKind != JsonValueKind.Array
                || ids.GetArrayLength() == 0
            )
            {
                throw Invalid("credential_configuration_ids must be a non-empty array.");
            }
            var configurationIds = new List<string>();
            foreach (var id in ids.EnumerateArray())
            {
                if (id.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(id.GetString()))
                {
                    throw Invalid("credential_configuration_ids must hold strings.");
                }
                configurationIds.Add(id.GetString()!);
            }
            if (configurationIds.Distinct(StringComparer.Ordinal).Count() != configurationIds.Count)
            {
                throw Invalid("credential_configuration_ids must be unique.");
            }

            PreAuthorizedCodeGrant? preAuthorized = null;
            AuthorizationCodeGrant? authorizationCode = null;
            if (root.TryGetProperty("grants", out var grants))
            {
                if (grants.ValueKind != JsonValueKind.Object)
                {
                    throw Invalid("grants must be an object.");
                }
                if (grants.TryGetProperty(PreAuthorizedGrantType, out var pre))
                {
                    var code = RequiredString(pre, "pre-authorized_code");
                    TransactionCodeSpec? txCode = null;
                    if (pre.TryGetProperty("tx_code", out var tx))
                    {
                        if (tx.ValueKind != JsonValueKind.Object)
                        {
                            throw Invalid("tx_code must be an object.");
                        }
                        var mode = OptionalString(tx, "input_mode") ?? "numeric";
                        if (mode is not ("numeric" or "text"))
                        {
                            throw Invalid("tx_code.input_mode must be numeric or text.");
                        }
                        int? length =
                            tx.TryGetProperty("length", out var l)
                            && l.ValueKind == JsonValueKind.Number
                            && l.TryGetInt32(out var n)
                            && n > 0
                                ? n
                                : null;
                        txCode = new TransactionCodeSpec(mode, length, OptionalString(tx, "description"));
                    }
                    preAuthorized = new PreAuthorizedCodeGrant(code, txCode, OptionalString(pre, "authorization_server"));
                }
                if (grants.TryGetProperty("authorization_code", out var auth))
                {
                    if (auth.ValueKind != JsonValueKind.Object)
                    {
                        throw Invalid("authorization_code must be an object.");
                    }
                    authorizationCode = new AuthorizationCodeGrant(
                        OptionalString(auth, "issuer_state"),
                        OptionalString(auth, "authorization_server")
                    );
                }
            }
            return new CredentialOffer(issuer, configurationIds, preAuthorized, authorizationCode);
        }
    }

    private static string RequiredString(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object
        && element.TryGetProperty(name, out var value)
        && value.ValueKind == JsonValueKind.String
        && !string.IsNullOrEmpty(value.GetString())
            ? value.GetString()!
            : throw Invalid($"{name} is required and must be a non-empty string.");

    private static string? OptionalString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value)
            ? value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : throw Invalid($"{name} must be a string.")
            : null;

    private static WalletProtocolException Invalid(string description) => new("invalid_credential_offer", description);
}
