using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Credentials.Jose;

namespace GaiaX.Oid4vc.Credentials.SdJwt;

/// <summary>
/// Verifies SD-JWT (VC) presentations (RFC 9901 §7): the issuer-signed JWT, every disclosure
/// (referenced exactly once, no duplicates, no claim-name collisions, decoys ignored, nested
/// disclosures resolved), and the KB-JWT (holder key from <c>cnf.jwk</c>, <c>nonce</c>,
/// <c>aud</c>, fresh <c>iat</c>, <c>sd_hash</c>).
/// </summary>
public sealed class SdJwtVerifier(IJwsKeyResolver resolver, TimeProvider time)
{
    public const int MaxPresentationLength = 512 * 1024;
    public const int MaxDisclosures = 512;

    public async ValueTask<VerificationResult<VerifiedSdJwt>> VerifyAsync(
        string? presentation,
        SdJwtVerificationOptions? options = null,
        CancellationToken cancellationToken = default
    )
    {
        options ??= new SdJwtVerificationOptions();
        if (string.IsNullOrEmpty(presentation))
        {
            return Fail(VerificationFailure.Malformed, "The SD-JWT is empty.");
        }
        if (presentation.Length > MaxPresentationLength)
        {
            return Fail(VerificationFailure.Oversized, $"The SD-JWT is longer than {MaxPresentationLength} characters.");
        }
        var parts = presentation.Split('~');
        if (parts.Length < 2)
        {
            return Fail(VerificationFailure.Malformed, "An SD-JWT is '<issuer-signed JWT>~<disclosures>~[<KB-JWT>]'.");
        }
        if (parts.Length - 2 > MaxDisclosures)
        {
            return Fail(VerificationFailure.Oversized, $"More than {MaxDisclosures} disclosures.");
        }
        var policy = options.IssuerPolicy ?? JwsPolicy.SdJwtVc;
        var verified = await Jws.VerifyAsync(parts[0], policy, resolver, time, cancellationToken).ConfigureAwait(false);
        if (!verified.Succeeded)
        {
            return verified.Error;
        }
        var issuerJwt = verified.Value.Jws;
        var sdAlg = issuerJwt.PayloadString("_sd_alg");
        if (issuerJwt.Payload.TryGetProperty("_sd_alg", out _) && sdAlg != "sha-256")
        {
            return Fail(VerificationFailure.UnsupportedHashAlgorithm, $"_sd_alg '{sdAlg}' is not supported.");
        }
        // An issuer known only by its certificate must be the one the certificate names (SD-JWT VC §3.5).
        var chain = verified.Value.Key.CertificateChain;
        if (
            chain.Count > 0
            && Uri.TryCreate(issuerJwt.PayloadString("iss"), UriKind.Absolute, out var issuerUrl)
            && issuerUrl.Scheme == Uri.UriSchemeHttps
            && !X509.CertificateChainValidator.MatchesDnsName(chain[0], issuerUrl.IdnHost)
        )
        {
            return Fail(VerificationFailure.IssuerMismatch, $"The issuer's certificate does not name the host of iss '{issuerUrl}'.");
        }
        if (options.RequireVct && string.IsNullOrEmpty(issuerJwt.PayloadString("vct")))
        {
            return Fail(VerificationFailure.MissingClaim, "The SD-JWT VC has no vct.");
        }

        var disclosures = new Dictionary<string, Disclosure>(StringComparer.Ordinal);
        for (var i = 1; i < parts.Length - 1; i++)
        {
            var parsed = Disclosure.Parse(parts[i]);
            if (!parsed.Succeeded)
            {
                return parsed.Error;
            }
            if (!disclosures.TryAdd(parsed.Value.Digest, parsed.Value))
            {
                return Fail(VerificationFailure.DisclosureInvalid, "The same disclosure appears twice.");
            }
        }
        var claims = JsonNode.Parse(issuerJwt.Payload.GetRawText())!.AsObject();
        var used = new HashSet<string>(StringComparer.Ordinal);
        var seenDigests = new HashSet<string>(StringComparer.Ordinal);
        var error = Reveal(claims, disclosures, used, seenDigests, 0);
        if (error is not null)
        {
            return error;
        }
        if (used.Count != disclosures.Count)
        {
            return Fail(VerificationFailure.DisclosureInvalid, "A disclosure is not referenced by any digest in the SD-JWT.");
        }
        claims.Remove("_sd_alg");

        var kbText = parts[^1];
        ParsedJws? keyBinding = null;
        if (kbText.Length == 0)
        {
            if (options.RequireKeyBinding)
            {
                return Fail(VerificationFailure.KeyBindingMissing, "Key binding is required and the presentation has no KB-JWT.");
            }
        }
        else
        {
            var kbResult = VerifyKeyBinding(kbText, presentation[..(presentation.Length - kbText.Length)], claims, options);
            if (!kbResult.Succeeded)
            {
                return kbResult.Error;
            }
            keyBinding = kbResult.Value;
        }
        return VerificationResult<VerifiedSdJwt>.Success(
            new VerifiedSdJwt(issuerJwt, verified.Value.Key, claims, disclosures.Values.ToList(), keyBinding)
        );
    }

    private VerificationResult<ParsedJws> VerifyKeyBinding(
        string kbJwt,
        string presented,
        JsonObject claims,
        SdJwtVerificationOptions options
    )
    {
        if (claims["cnf"] is not JsonObject cnf || cnf["jwk"] is not JsonObject jwk)
        {
            return VerificationResult<ParsedJws>.Fail(
                VerificationFailure.KeyBindingMissing,
                "The SD-JWT has no cnf.jwk to verify the KB-JWT with."
            );
        }
        var holderKey = Jwk.ParsePublic(jwk);
        if (!holderKey.Succeeded)
        {
            return holderKey.Error;
        }
        using var key = holderKey.Value;
        var policy = options.KeyBindingPolicy ?? JwsPolicy.KeyBinding;
        var parsed = Jws.Parse(kbJwt, policy);
        if (!parsed.Succeeded)
        {
            return parsed;
        }
        var kb = parsed.Value;
        var error = kb.VerifySignature(key) ?? kb.ValidateLifetime(policy with { RequireIssuedAt = true }, time.GetUtcNow());
        if (error is not null)
        {
            return error;
        }
        if (options.Nonce is not null && !string.Equals(kb.PayloadString("nonce"), options.Nonce, StringComparison.Ordinal))
        {
            return VerificationResult<ParsedJws>.Fail(VerificationFailure.NonceMismatch, "The KB-JWT's nonce is not the expected one.");
        }
        if (string.IsNullOrEmpty(kb.PayloadString("nonce")))
        {
            return VerificationResult<ParsedJws>.Fail(VerificationFailure.MissingClaim, "The KB-JWT has no nonce.");
        }
        // RFC 9901 §4.3: aud is a single string.
        if (options.Audience is not null && !string.Equals(kb.PayloadString("aud"), options.Audience, StringComparison.Ordinal))
        {
            return VerificationResult<ParsedJws>.Fail(
                VerificationFailure.AudienceMismatch,
                $"The KB-JWT is not addressed to '{options.Audience}'."
            );
        }
        if (string.IsNullOrEmpty(kb.PayloadString("aud")))
        {
            return VerificationResult<ParsedJws>.Fail(VerificationFailure.MissingClaim, "The KB-JWT has no aud.");
        }
        if (!string.Equals(kb.PayloadString("sd_hash"), Disclosure.DigestOf(presented), StringComparison.Ordinal))
        {
            return VerificationResult<ParsedJws>.Fail(
                VerificationFailure.SdHashMismatch,
                "The KB-JWT's sd_hash does not match the presented SD-JWT."
            );
        }
        return VerificationResult<ParsedJws>.Success(kb);
    }

    // Replaces digests by the disclosed claims, recursively (disclosed values may hold digests too).
    private static VerificationError? Reveal(
        JsonNode? node,
        Dictionary<string, Disclosure> disclosures,
        HashSet<string> used,
        HashSet<string> seen,
        int depth
    )
    {
        if (depth > 64)
        {
            return new VerificationError(VerificationFailure.DisclosureInvalid, "The SD-JWT nests too deeply.");
        }
        if (node is JsonObject obj)
        {
            if (obj.TryGetPropertyValue("_sd", out var sdNode))
            {
                if (sdNode is not JsonArray sd)
                {
                    return new VerificationError(VerificationFailure.DisclosureInvalid, "_sd must be an array of digests.");
                }
                obj.Remove("_sd");
                foreach (var entry in sd)
                {
                    if (entry is not JsonValue value || !value.TryGetValue<string>(out var digest))
                    {
                        return new VerificationError(VerificationFailure.DisclosureInvalid, "_sd must be an array of digests.");
                    }
                    if (!seen.Add(digest))
                    {
                        return new VerificationError(
                            VerificationFailure.DisclosureInvalid,
                            "A digest appears more than once in the SD-JWT."
                        );
                    }
                    if (!disclosures.TryGetValue(digest, out var disclosure))
                    {
                        continue; // a decoy, or a claim the holder chose not to disclose
                    }
                    if (disclosure.IsArrayElement)
                    {
                        return new VerificationError(
                            VerificationFailure.DisclosureInvalid,
                            "An array-element disclosure is referenced from an object."
                        );
                    }
                    if (obj.ContainsKey(disclosure.Name!))
                    {
                        return new VerificationError(
                            VerificationFailure.DisclosureInvalid,
                            $"The disclosed claim '{disclosure.Name}' already exists."
                        );
                    }
                    used.Add(digest);
                    obj[disclosure.Name!] = disclosure.Value?.DeepClone();
                }
            }
            // Every member, disclosed or always visible, may hold further digests.
            foreach (var (_, child) in obj.ToList())
            {
                var error = Reveal(child, disclosures, used, seen, depth + 1);
                if (error is not null)
                {
                    return error;
                }
            }
            return null;
        }
        if (node is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                if (array[i] is JsonObject element && element.Count == 1 && element.TryGetPropertyValue("...", out var digestNode))
                {
                    if (digestNode is not JsonValue value || !value.TryGetValue<string>(out var digest))
                    {
                        return new VerificationError(VerificationFailure.DisclosureInvalid, "An array digest must be a string.");
                    }
                    if (!seen.Add(digest))
                    {
                        return new VerificationError(
                            VerificationFailure.DisclosureInvalid,
                            "A digest appears more than once in the SD-JWT."
                        );
                    }
                    if (!disclosures.TryGetValue(digest, out var disclosure))
                    {
                        array.RemoveAt(i);
                        i--;
                        continue;
                    }
                    if (!disclosure.IsArrayElement)
                    {
                        return new VerificationError(
                            VerificationFailure.DisclosureInvalid,
                            "An object-property disclosure is referenced from an array."
                        );
                    }
                    used.Add(digest);
                    var claim = disclosure.Value?.DeepClone();
                    array[i] = claim;
                    var nested = Reveal(claim, disclosures, used, seen, depth + 1);
                    if (nested is not null)
                    {
                        return nested;
                    }
                    continue;
                }
                var error = Reveal(array[i], disclosures, used, seen, depth + 1);
                if (error is not null)
                {
                    return error;
                }
            }
        }
        return null;
    }

    private static VerificationResult<VerifiedSdJwt> Fail(VerificationFailure reason, string message) =>
        VerificationResult<VerifiedSdJwt>.Fail(reason, message);
}
