namespace GaiaX.Oid4vc.Issuer.Clients;

/// <summary>A client registered with the Authorization Server (<c>Issuer:Clients:{n}</c>) that authenticates with
/// <c>private_key_jwt</c>.</summary>
public sealed class RegisteredClientOptions
{
    public string ClientId { get; set; } = string.Empty;

    /// <summary>The client's public keys, a JWKS as JSON text (<c>{"keys":[…]}</c>); or give <see cref="JwksUri"/>.</summary>
    public string Jwks { get; set; } = string.Empty;

    /// <summary>Where the client publishes its JWKS (HTTPS), fetched when needed and kept five minutes.</summary>
    public string JwksUri { get; set; } = string.Empty;
}
