using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Issuer.Metadata;

/// <summary>The Credential Issuer Identifier and the public URLs of every endpoint, derived from <c>Issuer:PublicBaseUrl</c>.</summary>
public sealed class IssuerEndpoints(IOptions<IssuerOptions> options)
{
    /// <summary>The Credential Issuer Identifier, and the Authorization Server's <c>issuer</c>: the base URL without a trailing
    /// slash.</summary>
    public string CredentialIssuer { get; } = options.Value.PublicBaseUrl.TrimEnd('/');

    public string Url(string path) => CredentialIssuer + path;

    public string Token => Url(Paths.Token);

    public string Credential => Url(Paths.Credential);

    public string Authorize => Url(Paths.Authorize);

    public string PushedAuthorization => Url(Paths.PushedAuthorization);

    /// <summary>The path of the issuer identifier, inserted after the well-known prefix (RFC 8414 section 3.1).</summary>
    public string IdentifierPath { get; } = new Uri(options.Value.PublicBaseUrl).AbsolutePath.TrimEnd('/');

    public string OfferUri(string offerId) =>
        Url(Paths.CredentialOffer.Replace("{id}", Uri.EscapeDataString(offerId), StringComparison.Ordinal));

    /// <summary>The route templates of the Issuer's endpoints.</summary>
    public static class Paths
    {
        public const string IssuerMetadata = "/.well-known/openid-credential-issuer";
        public const string AuthorizationServerMetadata = "/.well-known/oauth-authorization-server";
        public const string CredentialOffer = "/credential-offer/{id}";
        public const string Token = "/token";
        public const string Nonce = "/nonce";
        public const string Credential = "/credential";
        public const string DeferredCredential = "/deferred_credential";
        public const string Notification = "/notification";
        public const string Authorize = "/authorize";
        public const string PushedAuthorization = "/par";
        public const string Offers = "/api/offers";
        public const string IssuedCredentials = "/api/credentials";
        public const string TypeMetadata = "/types/{id}";
        public const string AttestationChallenge = "/challenge";
    }
}
