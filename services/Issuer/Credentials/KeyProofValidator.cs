using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using GaiaX.Oid4vc.Issuer.Metadata;
using GaiaX.Oid4vc.Issuer.Nonce;
using GaiaX.Oid4vc.Issuer.Protocol;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Issuer.Credentials;

/// <summary>A key the wallet proved possession of, to bind a credential to.</summary>
public sealed record HolderKey(System.Text.Json.Nodes.JsonObject Jwk, string Thumbprint, string? Did);

/// <summary>
/// Validates <c>proofs.jwt</c> (OpenID4VCI 1.0 appendix F.1): <c>typ: openid4vci-proof+jwt</c>, an
/// allowed asymmetric <c>alg</c>, exactly one of <c>jwk</c> / <c>kid</c> (<c>did:jwk</c>) /
/// <c>x5c</c>, a public key that verifies the signature, <c>aud</c> = the Credential Issuer
/// Identifier, a recent <c>iat</c>, <c>iss</c> = the client id when the token has one, and a live
/// <c>c_nonce</c>, consumed once.
/// </summary>
public sealed class KeyProofValidator(INonceStore nonces, IssuerEndpoints endpoints, TimeProvider time, IOptions<IssuerOptions> options)
{
    public const string ProofType = "openid4vci-proof+jwt";

    public async Task<Outcome<IReadOnlyList<HolderKey>>> ValidateAsync(IReadOnlyList<string> proofs, string? clientId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(proofs);
        var keys = new List<HolderKey>(proofs.Count);
        var nonceValues = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < proofs.Count; i++)
        {
            var checkedProof = Check(proofs[i], clientId, i);
            if (checkedProof.Failed)
            {
                return checkedProof.Error;
            }
            keys.Add(checkedProof.Value.Key);
            nonceValues.Add(checkedProof.Value.Nonce);
        }
        if (keys.Select(k => k.Thumbprint).Distinct(StringComparer.Ordinal).Count() != keys.Count)
        {
            return Invalid("each proof in a batch must be made with a distinct key");
        }
        // Nonces are consumed only after every signature checked, so a bad proof does not burn them.
        foreach (var nonce in nonceValues)
        {
            if (!await nonces.TryConsumeAsync(nonce, cancellationToken).ConfigureAwait(false))
            {
                return Outcome<IReadOnlyList<HolderKey>>.Fail(ErrorCodes.InvalidNonce, "the proof's c_nonce is unknown, expired or already used; get a fresh one from the nonce endpoint");
            }
        }
        return Outcome<IReadOnlyList<HolderKey>>.Success(keys);
    }

    private Outcome<(HolderKey Key, string Nonce)> Check(string proof, string? clientId, int index)
    {
        using var jws = CompactJws.TryParse(proof);
        if (jws is null)
        {
            return Fail(index, "is not a compact JWS");
        }
        if (jws.HeaderString("typ") != ProofType)
        {
            return Fail(index, "must have typ openid4vci-proof+jwt");
        }
        var alg = jws.HeaderString("alg");
        if (!JoseAlgorithms.IsAllowed(alg))
        {
            return Fail(index, "alg must be one of " + string.Join(", ", JoseAlgorithms.AllowedForProofs) + " (never none or a MAC)");
        }
        var header = jws.Header;
        var hasJwk = header.TryGetProperty("jwk", out var jwkElement);
        var hasKid = header.TryGetProperty("kid", out var kidElement);
        var hasX5c = header.TryGetProperty("x5c", out var x5cElement);
        if ((hasJwk ? 1 : 0) + (hasKid ? 1 : 0) + (hasX5c ? 1 : 0) != 1)
        {
            return Fail(index, "must carry exactly one of jwk, kid and x5c");
        }
        string? did = null;
        PublicJwk? key;
        string? problem;
        if (hasJwk)
        {
            key = PublicJwk.TryParse(jwkElement, out problem);
        }
        else if (hasKid)
        {
            key = ResolveDidJwk(kidElement, out did, out problem);
        }
        else
        {
            key = FromX5c(x5cElement, out problem);
        }
        if (key is null)
        {
            return Fail(index, problem ?? "has no usable key");
        }
        using (key)
        {
            if (!key.Verify(alg!, jws.SigningInput, jws.Signature))
            {
                return Fail(index, "signature does not verify with the key it names");
            }
            var payload = jws.Payload;
            if (!AudienceMatches(payload, endpoints.CredentialIssuer))
            {
                return Fail(index, "aud must be the credential issuer identifier " + endpoints.CredentialIssuer);
            }
            if (!payload.TryGetProperty("iat", out var iatElement) || !iatElement.TryGetInt64(out var iat))
            {
                return Fail(index, "has no iat");
            }
            var now = time.GetUtcNow().ToUnixTimeSeconds();
            if (iat < now - options.Value.ProofMaxAgeSeconds)
            {
                return Fail(index, "is stale: iat is older than the accepted window");
            }
            if (iat > now + options.Value.ClockSkewSeconds)
            {
                return Fail(index, "iat lies in the future");
            }
            if (clientId is not null && payload.TryGetProperty("iss", out var iss) && (iss.ValueKind != JsonValueKind.String || iss.GetString() != clientId))
            {
                return Fail(index, "iss must be the client_id of the wallet");
            }
            if (!payload.TryGetProperty("nonce", out var nonce) || nonce.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(nonce.GetString()))
            {
                return Fail(index, "has no nonce: include a c_nonce from the nonce endpoint");
            }
            return Outcome<(HolderKey, string)>.Success((new HolderKey(key.Json, key.Thumbprint, did), nonce.GetString()!));
        }
    }

    private static bool AudienceMatches(JsonElement payload, string issuer)
    {
        if (!payload.TryGetProperty("aud", out var aud))
        {
            return false;
        }
        return aud.ValueKind switch
        {
            JsonValueKind.String => aud.GetString() == issuer,
            JsonValueKind.Array => aud.EnumerateArray().Any(a => a.ValueKind == JsonValueKind.String && a.GetString() == issuer),
            _ => false,
        };
    }

    /// <summary><c>did:jwk</c> carries its key in the identifier, so it resolves without a fetch (no SSRF surface).</summary>
    private static PublicJwk? ResolveDidJwk(JsonElement kid, out string? did, out string? problem)
    {
        did = null;
        var value = kid.ValueKind == JsonValueKind.String ? kid.GetString() : null;
        if (value is null || !value.StartsWith("did:jwk:", StringComparison.Ordinal))
        {
            problem = "kid must be a did:jwk DID URL (other DID methods are not accepted for holder binding)";
            return null;
        }
        var hash = value.IndexOf('#', StringComparison.Ordinal);
        did = hash < 0 ? value : value[..hash];
        try
        {
            using var document = JsonDocument.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(did.AsSpan("did:jwk:".Length)));
            return PublicJwk.TryParse(document.RootElement, out problem);
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            problem = "kid is not a valid did:jwk";
            return null;
        }
    }

    private static PublicJwk? FromX5c(JsonElement x5c, out string? problem)
    {
        if (x5c.ValueKind != JsonValueKind.Array || x5c.GetArrayLength() == 0 || x5c[0].ValueKind != JsonValueKind.String)
        {
            problem = "x5c must be a non-empty array of certificates";
            return null;
        }
        try
        {
            using var certificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(x5c[0].GetString()!));
            return PublicJwk.FromCertificate(certificate, out problem);
        }
        catch (Exception ex) when (ex is FormatException or System.Security.Cryptography.CryptographicException)
        {
            problem = "x5c does not hold a valid certificate";
            return null;
        }
    }

    private static Outcome<(HolderKey, string)> Fail(int index, string description) =>
        Outcome<(HolderKey, string)>.Fail(ErrorCodes.InvalidProof, $"proof {index + 1} {description}");

    private static Outcome<IReadOnlyList<HolderKey>> Invalid(string description) =>
        Outcome<IReadOnlyList<HolderKey>>.Fail(ErrorCodes.InvalidProof, description);
}
