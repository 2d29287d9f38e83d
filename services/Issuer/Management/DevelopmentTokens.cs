using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace GaiaX.Oid4vc.Issuer.Management;

/// <summary>
/// Mints management tokens with the key generated at start when
/// <c>Issuer:Management:UseDevelopmentTokens</c> is on (DevHost prints one; tests use it).
/// </summary>
public sealed class DevelopmentTokens : IDisposable
{
    public const string TokenIssuer = "urn:gaiax:issuer:development";

    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly string _audience;
    private readonly TimeProvider _time;

    public DevelopmentTokens(IOptions<IssuerOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _audience = options.Value.Management.Audience;
        _time = time;
        SigningKey = new ECDsaSecurityKey(_key) { KeyId = "development" };
    }

    public SecurityKey SigningKey { get; }

    /// <summary>A bearer token for the management API carrying <paramref name="scopes"/>.</summary>
    public string Create(IEnumerable<string>? scopes = null, TimeSpan? lifetime = null)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = TokenIssuer,
            Audience = _audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + (lifetime ?? TimeSpan.FromHours(12)),
            Claims = new Dictionary<string, object>
            {
                ["sub"] = "development",
                ["scope"] = string.Join(' ', scopes ?? ManagementScopes.All),
            },
            SigningCredentials = new SigningCredentials(SigningKey, SecurityAlgorithms.EcdsaSha256),
        });
    }

    public void Dispose() => _key.Dispose();
}
