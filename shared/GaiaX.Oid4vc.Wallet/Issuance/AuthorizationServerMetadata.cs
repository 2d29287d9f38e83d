using System.Text.Json;

namespace GaiaX.Oid4vc.Wallet.Issuance;

/// <summary>OAuth 2.0 Authorization Server Metadata (RFC 8414) fields a wallet uses.</summary>
public sealed record AuthorizationServerMetadata(
    string Issuer,
    Uri TokenEndpoint,
    Uri? AuthorizationEndpoint,
    Uri? PushedAuthorizationRequestEndpoint,
    bool RequirePushedAuthorizationRequests,
    bool PreAuthorizedGrantAnonymousAccessSupported
)
{
    public static AuthorizationServerMetadata Parse(JsonElement root, string expectedIssuer)
    {
        var issuer = IssuerMetadata.String(root, "issuer")
            ?? throw new WalletProtocolException("invalid_issuer_metadata", "The authorization server metadata has no issuer.");
        if (!string.Equals(issuer, expectedIssuer, StringComparison.Ordinal))
        {
            throw new WalletProtocolException(
                "invalid_issuer_metadata",
                $"The authorization server metadata names issuer '{issuer}', not '{expectedIssuer}' (RFC 8414 §3.3)."
            );
        }
        static Uri? Url(JsonElement root, string name) =>
            IssuerMetadata.String(root, name) is { } v && Uri.TryCreate(v, UriKind.Absolute, out var u) ? u : null;
        return new AuthorizationServerMetadata(
            issuer,
            Url(root, "token_endpoint") ?? throw new WalletProtocolException("invalid_issuer_metadata", "token_endpoint is missing."),
            Url(root, "authorization_endpoint"),
            Url(root, "pushed_authorization_request_endpoint"),
            root.TryGetProperty("require_pushed_authorization_requests", out var par) && par.ValueKind == JsonValueKind.True,
            root.TryGetProperty("pre-authorized_grant_anonymous_access_supported", out var anon) && anon.ValueKind == JsonValueKind.True
        );
    }
}
