using System.Security.Cryptography;
using GaiaX.Oid4vc.Credentials.Jose;
using GaiaX.Oid4vc.Credentials.Keys;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace GaiaX.Oid4vc.DevHost.Onboarding;

/// <summary>
/// The back-office caller of the onboarding: one ES256 key whose public half the Issuer and the
/// Verifier accept for their management APIs (passed as service arguments), and the bearer tokens it mints.
/// </summary>
public sealed class ManagementTokens : IDisposable
{
    public const string TokenIssuer = "urn:gaiax:devhost:onboarding";
    public const string IssuerAudience = "gaiax-issuer-management";
    public const string VerifierAudience = "gaiax-verifier";
    public const string IssuerScope = "issuer.offers.write issuer.offers.read issuer.credentials.status";
    public const string VerifierScope = "verifier.requests.write verifier.requests.read";
    public const string RegistryAudience = "gaiax-registry";
    public const string RegistryScope = "registry.trust.write registry.trust.read";

    /// <summary>How long a token lives unless the caller says otherwise.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(1);

    private readonly ECDsa _key;
    private readonly TimeProvider _time;

    /// <summary>Tokens signed by a fresh key that lives as long as this process (tests, the demo).</summary>
    public ManagementTokens(TimeProvider time)
        : this(time, ECDsa.Create(ECCurve.NamedCurves.nistP256)) { }

    private ManagementTokens(TimeProvider time, ECDsa key)
    {
        _time = time;
        _key = key;
    }

    /// <summary>
    /// Tokens signed by the key kept in <paramref name="folder"/> (<c>key.pem</c>, created 0600 on first use),
    /// so tokens minted by <c>DevHost token</c> or before a restart stay valid against a DevHost using that folder.
    /// </summary>
    public static ManagementTokens LoadOrCreate(string folder, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(folder);
        Directory.CreateDirectory(folder);
        var key = SecretFile.LoadOrCreateP256Key(Path.Combine(folder, "key.pem"));
        return new ManagementTokens(time, key);
    }

    /// <summary>The public JWK the Issuer and the Verifier verify these tokens with (<c>Management:SigningKeyJwk</c>).</summary>
    public System.Text.Json.Nodes.JsonObject PublicJwk()
    {
        var jwk = Jwk.FromPublicKey(_key);
        jwk["kid"] = "onboarding";
        jwk["alg"] = "ES256";
        jwk["use"] = "sig";
        return jwk;
    }

    /// <summary>Service arguments that make the Issuer and the Verifier trust this key.</summary>
    public IReadOnlyList<string> ServiceArguments()
    {
        var jwk = PublicJwk();
        return
        [
            $"--Issuer:Management:SigningKeyJwk={jwk.ToJsonString()}",
            $"--Issuer:Management:TokenIssuer={TokenIssuer}",
            $"--Issuer:Management:Audience={IssuerAudience}",
            $"--Verifier:Management:SigningKeyJwk={jwk.ToJsonString()}",
            $"--Verifier:Management:TokenIssuer={TokenIssuer}",
            $"--Verifier:Management:Audience={VerifierAudience}",
            $"--Registry:Management:SigningKeyJwk={jwk.ToJsonString()}",
            $"--Registry:Management:TokenIssuer={TokenIssuer}",
            $"--Registry:Management:Audience={RegistryAudience}",
        ];
    }

    public string IssuerToken(TimeSpan? lifetime = null) => Create(IssuerAudience, IssuerScope, lifetime ?? DefaultLifetime);

    /// <summary>A token for the Registry's management API (trust anchors, trusted issuers, revocations).</summary>
    public string RegistryToken(TimeSpan? lifetime = null) => Create(RegistryAudience, RegistryScope, lifetime ?? DefaultLifetime);

    public string VerifierToken(TimeSpan? lifetime = null) => Create(VerifierAudience, VerifierScope, lifetime ?? DefaultLifetime);

    private string Create(string audience, string scope, TimeSpan lifetime)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler().CreateToken(
            new SecurityTokenDescriptor
            {
                Issuer = TokenIssuer,
                Audience = audience,
                IssuedAt = now,
                NotBefore = now,
                Expires = now.Add(lifetime),
                TokenType = "at+jwt",
                Claims = new Dictionary<string, object> { ["sub"] = "devhost-onboarding", ["scope"] = scope },
                // No cached signature provider: the library caches by the public key, and the same persisted key
                // is loaded again (and this instance disposed) by later ManagementTokens in the process.
                SigningCredentials = new SigningCredentials(
                    new ECDsaSecurityKey(_key)
                    {
                        KeyId = "onboarding",
                        CryptoProviderFactory = new CryptoProviderFactory { CacheSignatureProviders = false },
                    },
                    SecurityAlgorithms.EcdsaSha256
                ),
            }
        );
    }

    public void Dispose() => _key.Dispose();
}
