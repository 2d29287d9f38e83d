using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace GaiaX.Oid4vc.ServiceDefaults;

/// <summary>
/// Mints management tokens with the key generated at start when <c>{section}:UseDevelopmentTokens</c>
/// is on (DevHost prints one; tests use it).
/// </summary>
public sealed class DevelopmentTokens : IDisposable
{
    public const string TokenIssuer = "urn:gaiax:issuer:development";

    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly string _audience;
    private readonly ManagementApiScopes _scopes;
    private readonly TimeProvider _time;

    internal DevelopmentTokens(string audience, ManagementApiScopes scopes, TimeProvider time)
    {
        _audience = audience;
        _scopes = scopes;
        _time = time;
        SigningKey = new ECDsaSecurityKey(_key) { KeyId = "development" };
    }

    public SecurityKey SigningKey { get; }

    /// <summary>A bearer token for the management API carrying <paramref name="scopes"/> (default: all).</summary>
    public string Create(IEnumerable<string>? scopes = null, TimeSpan? lifetime = null)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler().CreateToken(
            new SecurityTokenDescriptor
            {
                Issuer = TokenIssuer,
                Audience = _audience,
                IssuedAt = now,
                NotBefore = now,
                Expires = now + (lifetime ?? TimeSpan.FromHours(12)),
                Claims = new Dictionary<string, object> { ["sub"] = "development", ["scope"] = string.Join(' ', scopes ?? _scopes.All) },
                SigningCredentials = new SigningCredentials(SigningKey, SecurityAlgorithms.EcdsaSha256),
            }
        );
    }

    public void Dispose() => _key.Dispose();
}
