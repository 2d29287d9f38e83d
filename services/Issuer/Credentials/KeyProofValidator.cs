using System.Text.Json;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Credentials.Jose;
using GaiaX.Oid4vc.Credentials.Protocol;
using GaiaX.Oid4vc.Issuer.Metadata;
using GaiaX.Oid4vc.Issuer.Nonce;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Issuer.Credentials;

/// <summary>
/// Validates <c>proofs.jwt</c> (OpenID4VCI 1.0 appendix F.1). The credential core checks the JOSE
/// part (<see cref="JwsPolicy.Oid4vciProof"/>: <c>typ: openid4vci-proof+jwt</c>, an allowed
/// asymmetric <c>alg</c>, exactly one of <c>jwk</c> / <c>kid</c> / <c>x5c</c>, public keys only,
/// the signature, a fresh <c>iat</c>); this adds <c>aud</c> = the Credential Issuer Identifier,
/// <c>iss</c> = the client id when the token has one, distinct keys in a batch, and a live
/// <c>c_nonce</c> consumed once. A <c>key_attestation</c> header (appendix D) is verified by
/// <see cref="KeyAttestationValidator"/> and must attest the proof's key; a configuration with
/// <c>key_attestations_required</c> accepts no proof without one.
/// </summary>
public sealed class KeyProofValidator(
    INonceStore nonces,
    HolderKeyResolver keys,
    KeyAttestationValidator attestations,
    IssuerEndpoints endpoints,
    TimeProvider time,
    IOptions<IssuerOptions> options
)
{
    private readonly JwsPolicy _policy = JwsPolicy.Oid4vciProof with
    {
        MaxAge = TimeSpan.FromSeconds(options.Value.ProofMaxAgeSeconds),
        ClockSkew = TimeSpan.FromSeconds(options.Value.ClockSkewSeconds),
        MaxTokenLength = 16 * 1024,
    };

    /// <summary>
    /// The keys of <c>proofs.attestation</c> (appendix F.3): the one key attestation's <c>attested_keys</c>, without
    /// proof of possession; its <c>nonce</c> must be a live <c>c_nonce</c>, consumed.
    /// </summary>
    public async Task<Outcome<IReadOnlyList<HolderKey>>> ValidateAttestationAsync(
        string attestation,
        KeyAttestationRequirementOptions requirement,
        CancellationToken cancellationToken
    )
    {
        var attested = await attestations
            .ValidateAsync(attestation, requirement, requireExpiration: false, cancellationToken)
            .ConfigureAwait(false);
        if (attested.Failed)
        {
            return attested.Error;
        }
        if (string.IsNullOrEmpty(attested.Value.Nonce))
        {
            return Outcome<IReadOnlyList<HolderKey>>.Fail(
                ErrorCodes.InvalidProof,
                "key attestation: has no nonce: include a c_nonce from the nonce endpoint"
            );
        }
        var consumed = await ConsumeAsync([attested.Value.Nonce], cancellationToken).ConfigureAwait(false);
        return consumed ?? Outcome<IReadOnlyList<HolderKey>>.Success(attested.Value.Keys);
    }

    public async Task<Outcome<IReadOnlyList<HolderKey>>> ValidateAsync(
        IReadOnlyList<string> proofs,
        string? clientId,
        KeyAttestationRequirementOptions requirement,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(proofs);
        ArgumentNullException.ThrowIfNull(requirement);
        var holderKeys = new List<HolderKey>(proofs.Count);
        var nonceValues = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < proofs.Count; i++)
        {
            var verified = await Jws.VerifyAsync(proofs[i], _policy, keys, time, cancellationToken).ConfigureAwait(false);
            if (!verified.Succeeded)
            {
                return Fail(i, verified.Error.Message);
            }
            var payload = verified.Value.Payload;
            if (!AudienceMatches(payload, endpoints.CredentialIssuer))
            {
                return Fail(i, "aud must be the credential issuer identifier " + endpoints.CredentialIssuer);
            }
            // A NumericDate may carry a fraction (RFC 7519 section 2).
            if (
                !payload.TryGetProperty("iat", out var iatElement)
                || iatElement.ValueKind != JsonValueKind.Number
                || !iatElement.TryGetDouble(out var iat)
                || iat > time.GetUtcNow().ToUnixTimeSeconds() + options.Value.ClockSkewSeconds
            )
            {
                return Fail(i, "iat must be present and not in the future");
            }
            if (
                clientId is not null
                && payload.TryGetProperty("iss", out var iss)
                && (iss.ValueKind != JsonValueKind.String || iss.GetString() != clientId)
            )
            {
                return Fail(i, "iss must be the client_id of the wallet");
            }
            if (
                !payload.TryGetProperty("nonce", out var nonce)
                || nonce.ValueKind != JsonValueKind.String
                || string.IsNullOrEmpty(nonce.GetString())
            )
            {
                return Fail(i, "has no nonce: include a c_nonce from the nonce endpoint");
            }
            var resolved = verified.Value.Key;
            var jwk = HolderJwk.FromKey(resolved.Key);
            var did = resolved.Controller is { } controller && controller.StartsWith("did:", StringComparison.Ordinal) ? controller : null;
            var thumbprint = resolved.Key.Thumbprint();
            var attestation = verified.Value.Jws.HeaderString(KeyAttestationValidator.HeaderName);
            if (attestation is null && verified.Value.Jws.Header.TryGetProperty(KeyAttestationValidator.HeaderName, out _))
            {
                return Fail(i, "key_attestation must be a JWT");
            }
            if (attestation is null && requirement.Active)
            {
                return Fail(i, "this credential needs attested keys: carry the key attestation in the key_attestation header");
            }
            if (attestation is not null && (requirement.Active || attestations.HasAttesters))
            {
                var attested = await attestations
                    .ValidateAsync(attestation, requirement, requireExpiration: true, cancellationToken)
                    .ConfigureAwait(false);
                if (attested.Failed)
                {
                    return Fail(i, attested.Error.Description ?? "the key attestation is not accepted");
                }
                if (!attested.Value.Keys.Any(k => k.Thumbprint == thumbprint))
                {
                    return Fail(i, "the proof is not signed by one of the keys its key attestation attests");
                }
                if (string.IsNullOrEmpty(attested.Value.Nonce))
                {
                    return Fail(i, "key attestation: has no nonce: include the c_nonce from the nonce endpoint");
                }
                nonceValues.Add(attested.Value.Nonce);
            }
            holderKeys.Add(new HolderKey(jwk, thumbprint, did));
            nonceValues.Add(nonce.GetString()!);
        }
        if (holderKeys.Select(k => k.Thumbprint).Distinct(StringComparer.Ordinal).Count() != holderKeys.Count)
        {
            return Outcome<IReadOnlyList<HolderKey>>.Fail(
                ErrorCodes.InvalidProof,
                "each proof in a batch must be made with a distinct key"
            );
        }
        // Nonces are consumed only after every proof checked, so a bad proof does not burn them.
        var consumed = await ConsumeAsync(nonceValues, cancellationToken).ConfigureAwait(false);
        return consumed ?? Outcome<IReadOnlyList<HolderKey>>.Success(holderKeys);
    }

    private async Task<Outcome<IReadOnlyList<HolderKey>>?> ConsumeAsync(IEnumerable<string> values, CancellationToken cancellationToken)
    {
        foreach (var value in values)
        {
            if (!await nonces.TryConsumeAsync(value, cancellationToken).ConfigureAwait(false))
            {
                return Outcome<IReadOnlyList<HolderKey>>.Fail(
                    ErrorCodes.InvalidNonce,
                    "the proof's c_nonce is unknown, expired or already used; get a fresh one from the nonce endpoint"
                );
            }
        }
        return null;
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

    private static Outcome<IReadOnlyList<HolderKey>> Fail(int index, string description) =>
        Outcome<IReadOnlyList<HolderKey>>.Fail(ErrorCodes.InvalidProof, $"proof {index + 1}: {description}");
}

/// <summary>The public JWK (kty and key members only) of a verification key, for <c>cnf.jwk</c>.</summary>
internal static class HolderJwk
{
    public static JsonObject FromKey(VerificationKey key)
    {
        var jwk = key.ToJwk();
        jwk.Remove("alg");
        jwk.Remove("kid");
        return jwk;
    }
}
