using System.Security.Cryptography;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Credentials.Jose;

namespace GaiaX.Oid4vc.Wallet.Attestation;

/// <summary>
/// A wallet provider for development and tests: it vouches for wallet instances (client attestations, the
/// <c>oauth-client-attestation+jwt</c> of the IETF attestation-based client authentication draft HAIP uses) and for the
/// storage of their keys (key attestations, OpenID4VCI 1.0 appendix D.1), signing with one P-256 key whose JWKS an
/// Issuer trusts (<c>Issuer:ClientAttestation:Attesters</c>, <c>Issuer:KeyAttestation:Attesters</c>). A real provider
/// checks the device (platform key attestation) before it signs; this one signs whatever it is asked to.
/// </summary>
public sealed class WalletProvider(string issuer, ECDsa key, TimeProvider time) : IDisposable
{
    public const string KeyId = "wallet-provider-1";

    /// <summary>The <c>iss</c> of DevHost's development wallet provider.</summary>
    public const string DevelopmentIssuer = "urn:gaiax:devhost:wallet-provider";

    /// <summary>Where DevHost keeps its development wallet provider's key, under its data folder.</summary>
    public static string DevelopmentKeyPath(string dataFolder) => Path.Combine(dataFolder, "wallet-provider", "key.pem");

    /// <summary>DevHost's development wallet provider, its key created in <paramref name="dataFolder"/> on first use.</summary>
    public static WalletProvider LoadOrCreateDevelopment(string dataFolder, TimeProvider time)
    {
        var path = DevelopmentKeyPath(dataFolder);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return new WalletProvider(DevelopmentIssuer, Credentials.Keys.SecretFile.LoadOrCreateP256Key(path), time);
    }

    /// <summary>The development wallet provider whose key DevHost wrote to <paramref name="keyPath"/> (PEM).</summary>
    public static WalletProvider LoadDevelopment(string keyPath, TimeProvider time)
    {
        var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(keyPath));
        return new WalletProvider(DevelopmentIssuer, key, time);
    }

    /// <summary>The settings by which an Issuer trusts this provider for client and key attestations.</summary>
    public IReadOnlyList<string> IssuerArguments(string keyAttestedConfiguration) =>
        [
            $"--Issuer:ClientAttestation:Attesters:0:Issuer={Issuer}",
            $"--Issuer:ClientAttestation:Attesters:0:Jwks={Jwks}",
            $"--Issuer:KeyAttestation:Attesters:0:Jwks={Jwks}",
            $"--Issuer:CredentialConfigurations:{keyAttestedConfiguration}:KeyAttestations:KeyStorage:0=iso_18045_high",
        ];

    private readonly SigningKey _key = new(key, JwsAlgorithms.ES256, KeyId);

    /// <summary>The provider's identifier, the attestations' <c>iss</c>.</summary>
    public string Issuer { get; } = issuer;

    /// <summary>The provider's public keys as a JWKS (JSON text), what an Issuer is configured with.</summary>
    public string Jwks
    {
        get
        {
            var jwk = Jwk.FromPublicKey(key);
            jwk["kid"] = KeyId;
            return new JsonObject { ["keys"] = new JsonArray(jwk) }.ToJsonString();
        }
    }

    /// <summary>A client attestation of the wallet instance <paramref name="clientId"/>, keyed <paramref name="instanceJwk"/>.</summary>
    public string AttestClient(string clientId, JsonObject instanceJwk, TimeSpan lifetime)
    {
        ArgumentException.ThrowIfNullOrEmpty(clientId);
        ArgumentNullException.ThrowIfNull(instanceJwk);
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var payload = new JsonObject
        {
            ["iss"] = Issuer,
            ["sub"] = clientId,
            ["iat"] = now,
            ["exp"] = now + (long)lifetime.TotalSeconds,
            ["cnf"] = new JsonObject { ["jwk"] = instanceJwk.DeepClone() },
        };
        return Jws.Create(new JsonObject { ["typ"] = "oauth-client-attestation+jwt", ["kid"] = KeyId }, payload, _key);
    }

    /// <summary>
    /// A key attestation of <paramref name="keys"/> at <paramref name="keyStorage"/> and <paramref name="userAuthentication"/>
    /// levels, bound to the Issuer's <paramref name="nonce"/>, valid five minutes.
    /// </summary>
    public string AttestKeys(
        IEnumerable<JsonObject> keys,
        string? nonce,
        IReadOnlyList<string> keyStorage,
        IReadOnlyList<string> userAuthentication
    )
    {
        ArgumentNullException.ThrowIfNull(keys);
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var payload = new JsonObject
        {
            ["iss"] = Issuer,
            ["iat"] = now,
            ["exp"] = now + 300,
            ["attested_keys"] = new JsonArray([.. keys.Select(k => k.DeepClone())]),
        };
        if (keyStorage.Count > 0)
        {
            payload["key_storage"] = new JsonArray([.. keyStorage.Select(v => (JsonNode)v)]);
        }
        if (userAuthentication.Count > 0)
        {
            payload["user_authentication"] = new JsonArray([.. userAuthentication.Select(v => (JsonNode)v)]);
        }
        if (nonce is not null)
        {
            payload["nonce"] = nonce;
        }
        return Jws.Create(new JsonObject { ["typ"] = "key-attestation+jwt", ["kid"] = KeyId }, payload, _key);
    }

    public void Dispose() => _key.Dispose();
}
