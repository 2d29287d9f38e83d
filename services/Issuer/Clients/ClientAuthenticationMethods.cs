namespace GaiaX.Oid4vc.Issuer.Clients;

/// <summary>The client authentication methods of the Authorization Server (<c>token_endpoint_auth_methods_supported</c>).</summary>
public static class ClientAuthenticationMethods
{
    /// <summary>A public client: it names itself with <c>client_id</c> and proves nothing (RFC 7591).</summary>
    public const string None = "none";

    /// <summary>A JWT signed with a key the client registered (RFC 7523 section 2.2, OpenID Connect Core section 9).</summary>
    public const string PrivateKeyJwt = "private_key_jwt";

    /// <summary>A wallet provider's attestation of the client instance and its proof of possession (OAuth 2.0 Attestation-Based Client
    /// Authentication).</summary>
    public const string AttestJwtClientAuth = "attest_jwt_client_auth";

    /// <summary>The <c>client_assertion_type</c> of <see cref="PrivateKeyJwt"/> (RFC 7523 section 2.2).</summary>
    public const string JwtBearerAssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    /// <summary>The header carrying the client attestation JWT.</summary>
    public const string AttestationHeader = "OAuth-Client-Attestation";

    /// <summary>The header carrying the client attestation proof-of-possession JWT.</summary>
    public const string AttestationPopHeader = "OAuth-Client-Attestation-PoP";
}
