using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Credentials.Jose;
using GaiaX.Oid4vc.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Issuer.Tests;

/// <summary>
/// An Issuer with one registered <c>private_key_jwt</c> client and two trusted wallet providers (one by JWKS, one by an x5c
/// chain to a trust anchor, as HAIP has it). The JWTs are made with Microsoft.IdentityModel, not with our JOSE code.
/// </summary>
public sealed class ClientAuthenticationFixture : IAsyncLifetime
{
    public const string RegisteredClient = "registered-client";
    public const string WalletProvider = "https://wallet-provider.example";
    public const string HaipWalletProvider = "https://haip-wallet-provider.example";

    public ECDsa ClientKey { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public ECDsa AttesterKey { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public ECDsa HaipAttesterKey { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public TestPki Pki { get; } = new("Wallet Provider Root", withIntermediate: true);

    public IReadOnlyList<X509Certificate2> HaipAttesterChain { get; private set; } = [];

    public IssuerFixture Issuer { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        HaipAttesterChain = Pki.IssueChain(HaipAttesterKey, "CN=HAIP Wallet Provider", "haip-wallet-provider.example");
        Issuer = new IssuerFixture
        {
            ExtraArgs =
            [
                $"--Issuer:Clients:0:ClientId={RegisteredClient}",
                $"--Issuer:Clients:0:Jwks={Jwks(ClientKey, "client-key-1")}",
                $"--Issuer:ClientAttestation:Attesters:0:Issuer={WalletProvider}",
                $"--Issuer:ClientAttestation:Attesters:0:Jwks={Jwks(AttesterKey, "attester-key-1")}",
                $"--Issuer:ClientAttestation:Attesters:1:Issuer={HaipWalletProvider}",
                $"--Issuer:ClientAttestation:Attesters:1:TrustAnchorCertificates:0={Pki.RootPem}",
            ],
        };
        await Issuer.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Issuer.DisposeAsync();
        HaipAttesterChain[0].Dispose();
        Pki.Dispose();
        ClientKey.Dispose();
        AttesterKey.Dispose();
        HaipAttesterKey.Dispose();
    }

    public static string Jwks(ECDsa key, string kid)
    {
        var jwk = Jwk.FromPublicKey(key);
        jwk["kid"] = kid;
        return new JsonObject { ["keys"] = new JsonArray(jwk) }.ToJsonString();
    }

    public static Dictionary<string, object> PublicJwk(ECDsa key) =>
        Jwk.FromPublicKey(key).ToDictionary(p => p.Key, p => (object)p.Value!.GetValue<string>());

    /// <summary>A JWT signed by Microsoft.IdentityModel's handler; times are whatever <paramref name="claims"/> say.</summary>
    public static string Sign(ECDsa key, string? type, Dictionary<string, object> claims, string? kid = null, IEnumerable<X509Certificate2>? x5c = null)
    {
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        return handler.CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            TokenType = type,
            SigningCredentials = new SigningCredentials(new ECDsaSecurityKey(key) { KeyId = kid }, SecurityAlgorithms.EcdsaSha256),
            AdditionalHeaderClaims = x5c is null ? null : new Dictionary<string, object> { ["x5c"] = x5c.Select(c => Convert.ToBase64String(c.RawData)).ToArray() },
        });
    }

    public long Now => Issuer.Time.GetUtcNow().ToUnixTimeSeconds();

    /// <summary>A client assertion (RFC 7523) of the registered client for the Authorization Server.</summary>
    public string ClientAssertion(Action<Dictionary<string, object>>? change = null, ECDsa? key = null)
    {
        var claims = new Dictionary<string, object>
        {
            ["iss"] = RegisteredClient,
            ["sub"] = RegisteredClient,
            ["aud"] = Issuer.IssuerId,
            ["iat"] = Now,
            ["exp"] = Now + 120,
            ["jti"] = Guid.NewGuid().ToString("N"),
        };
        change?.Invoke(claims);
        return Sign(key ?? ClientKey, "client-authentication+jwt", claims, "client-key-1");
    }

    /// <summary>A wallet provider's attestation of a wallet instance (its client_id and instance key).</summary>
    public string Attestation(ECDsa instanceKey, string clientId, Action<Dictionary<string, object>>? change = null, ECDsa? signer = null)
    {
        var claims = new Dictionary<string, object>
        {
            ["iss"] = WalletProvider,
            ["sub"] = clientId,
            ["iat"] = Now,
            ["nbf"] = Now,
            ["exp"] = Now + 3600,
            ["cnf"] = new Dictionary<string, object> { ["jwk"] = PublicJwk(instanceKey) },
        };
        change?.Invoke(claims);
        return Sign(signer ?? AttesterKey, "oauth-client-attestation+jwt", claims, "attester-key-1");
    }

    /// <summary>The HAIP wallet provider's attestation, its key carried as an x5c chain.</summary>
    public string HaipAttestation(ECDsa instanceKey, string clientId)
    {
        var claims = new Dictionary<string, object>
        {
            ["iss"] = HaipWalletProvider,
            ["sub"] = clientId,
            ["iat"] = Now,
            ["exp"] = Now + 3600,
            ["cnf"] = new Dictionary<string, object> { ["jwk"] = PublicJwk(instanceKey) },
        };
        return Sign(HaipAttesterKey, "oauth-client-attestation+jwt", claims, x5c: HaipAttesterChain);
    }

    /// <summary>The wallet instance's proof of possession of its attested key, for the Authorization Server.</summary>
    public string AttestationPop(ECDsa instanceKey, string clientId, Action<Dictionary<string, object>>? change = null)
    {
        var claims = new Dictionary<string, object>
        {
            ["iss"] = clientId,
            ["aud"] = Issuer.IssuerId,
            ["iat"] = Now,
            ["exp"] = Now + 300,
            ["jti"] = Guid.NewGuid().ToString("N"),
        };
        change?.Invoke(claims);
        return Sign(instanceKey, "oauth-client-attestation-pop+jwt", claims);
    }
}
