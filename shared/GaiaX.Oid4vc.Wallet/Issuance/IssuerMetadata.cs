using System.Text.Json;

namespace GaiaX.Oid4vc.Wallet.Issuance;

/// <summary>The parts of Credential Issuer Metadata (OpenID4VCI 1.0 §12.2) a wallet acts on.</summary>
public sealed record IssuerMetadata(
    string CredentialIssuer,
    IReadOnlyList<string> AuthorizationServers,
    Uri CredentialEndpoint,
    Uri? NonceEndpoint,
    Uri? DeferredCredentialEndpoint,
    Uri? NotificationEndpoint,
    IReadOnlyDictionary<string, CredentialConfiguration> CredentialConfigurations
)
{
    /// <summary>The encryption the issuer offers (section 10), or null.</summary>
    public CredentialEncryptionMetadata? Encryption { get; init; }

    /// <summary>
    /// The metadata URL: <c>/.well-known/openid-credential-issuer</c> inserted between host and path
    /// (§12.2.2), so an issuer with a path component stays distinct.
    /// </summary>
    public static Uri WellKnownUri(string credentialIssuer, string suffix = "openid-credential-issuer")
    {
        var issuer = new Uri(credentialIssuer);
        var path = issuer.AbsolutePath.TrimEnd('/');
        return new Uri(issuer.GetLeftPart(UriPartial.Authority) + "/.well-known/" + suffix + path);
    }

    public static IssuerMetadata Parse(JsonElement root, string expectedIssuer)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Invalid("The issuer metadata is not a JSON object.");
        }
        var issuer = String(root, "credential_issuer") ?? throw Invalid("credential_issuer is missing.");
        // §12.2.3: the identifier in the metadata must equal the one the wallet asked about, exactly.
        if (!string.Equals(issuer, expectedIssuer, StringComparison.Ordinal))
        {
            throw Invalid($"The metadata names credential_issuer '{issuer}', not '{expectedIssuer}'.");
        }
        var servers = new List<string>();
        if (root.TryGetProperty("authorization_servers", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            servers.AddRange(list.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!));
        }
        var configurations = new Dictionary<string, CredentialConfiguration>(StringComparer.Ordinal);
        if (root.TryGetProperty("credential_configurations_supported", out var supported) && supported.ValueKind == JsonValueKind.Object)
        {
            foreach (var configuration in supported.EnumerateObject())
            {
                configurations[configuration.Name] = CredentialConfiguration.Parse(configuration.Value);
            }
        }
        return new IssuerMetadata(
            issuer,
            servers,
            Endpoint(root, "credential_endpoint") ?? throw Invalid("credential_endpoint is missing."),
            Endpoint(root, "nonce_endpoint"),
            Endpoint(root, "deferred_credential_endpoint"),
            Endpoint(root, "notification_endpoint"),
            configurations
        )
        {
            Encryption = CredentialEncryptionMetadata.Parse(root),
        };
    }

    private static Uri? Endpoint(JsonElement root, string name) =>
        String(root, name) is { } value
            ? Uri.TryCreate(value, UriKind.Absolute, out var uri)
                ? uri
                : throw Invalid($"{name} is not an absolute URL.")
            : null;

    internal static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static WalletProtocolException Invalid(string description) => new("invalid_issuer_metadata", description);
}
