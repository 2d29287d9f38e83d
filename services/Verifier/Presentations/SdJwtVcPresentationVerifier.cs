using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Verifier.Dcql;
using Microsoft.IdentityModel.Tokens;

namespace GaiaX.Oid4vc.Verifier.Presentations;

/// <summary>
/// Verifies <c>dc+sd-jwt</c> presentations (SD-JWT VC, OpenID4VP 1.0 §B.3): the issuer-signed JWT
/// from a trusted issuer and valid now, every disclosure referenced exactly once by a digest, and
/// the Key Binding JWT (<c>typ: kb+jwt</c>) signed with the <c>cnf</c> key, with <c>aud</c> = full
/// client identifier, the request <c>nonce</c>, a recent <c>iat</c> and <c>sd_hash</c> over the
/// presented SD-JWT.
/// </summary>
public sealed class SdJwtVcPresentationVerifier(IIssuerKeyResolver issuers, TimeProvider time) : IPresentationVerifier
{
    private const int MaxDisclosures = 256;
    private static readonly string[] IssuerJwtTypes = ["dc+sd-jwt", "vc+sd-jwt"];

    public string Format => CredentialFormats.SdJwtVc;

    public async Task<PresentationVerificationResult> VerifyAsync(JsonElement presentation, PresentationExpectations expectations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(expectations);
        if (presentation.ValueKind != JsonValueKind.String)
        {
            return PresentationVerificationResult.Fail(PresentationFailureCodes.InvalidPresentation, "a dc+sd-jwt presentation is an SD-JWT string");
        }
        var text = presentation.GetString()!;
        var lastTilde = text.LastIndexOf('~');
        if (lastTilde < 0)
        {
            return PresentationVerificationResult.Fail(PresentationFailureCodes.InvalidPresentation, "an SD-JWT presentation ends with '~' or a Key Binding JWT");
        }
        var parts = text[..lastTilde].Split('~');
        var kbJwt = text[(lastTilde + 1)..];
        if (parts.Length - 1 > MaxDisclosures)
        {
            return PresentationVerificationResult.Fail(PresentationFailureCodes.InvalidPresentation, $"at most {MaxDisclosures} disclosures are accepted");
        }

        using var issuerJwt = CompactJwsToken.TryParse(parts[0]);
        if (issuerJwt is null)
        {
            return PresentationVerificationResult.Fail(PresentationFailureCodes.InvalidCredential, "the issuer-signed JWT is not a compact JWS");
        }
        if (issuerJwt.Type is null || !IssuerJwtTypes.Contains(issuerJwt.Type))
        {
            return PresentationVerificationResult.Fail(PresentationFailureCodes.InvalidCredential, $"the issuer-signed JWT typ must be dc+sd-jwt, not '{issuerJwt.Type}'");
        }
        if (issuerJwt.Algorithm is null || !CompactJwsToken.AllowedAlgorithms.Contains(issuerJwt.Algorithm))
        {
            return PresentationVerificationResult.Fail(PresentationFailureCodes.UnsupportedAlgorithm, $"the SD-JWT alg '{issuerJwt.Algorithm}' is not accepted");
        }
        var issuer = issuerJwt.PayloadString("iss");
        var resolution = await issuers.ResolveAsync(issuerJwt, issuer, cancellationToken).ConfigureAwait(false);
        if (resolution.Key is null)
        {
            return PresentationVerificationResult.Fail(resolution.FailureCode!, resolution.Failure!);
        }
        if (!issuerJwt.VerifySignature(resolution.Key.Key))
        {
            return PresentationVerificationResult.Fail(PresentationFailureCodes.InvalidCredentialSignature, $"the signature of the SD-JWT from '{issuer}' does not verify");
        }
        var now = time.GetUtcNow();
        if (Validity.CheckJwtWindow(issuerJwt, now, PresentationFailureCodes.CredentialExpired, PresentationFailureCodes.CredentialNotYetValid, "the credential") is { } window)
        {
            return PresentationVerificationResult.Fail(window.Code, window.Message);
        }
        if (issuerJwt.PayloadString("_sd_alg") is { } sdAlg && sdAlg != "sha-256")
        {
            return PresentationVerificationResult.Fail(PresentationFailureCodes.InvalidCredential, $"_sd_alg '{sdAlg}' is not supported; use sha-256");
        }

        var disclosed = Disclose(issuerJwt.Payload, parts.AsSpan(1));
        if (disclosed.Error is not null)
        {
            return PresentationVerificationResult.Fail(PresentationFailureCodes.InvalidDisclosure, disclosed.Error);
        }

        string? holder = null;
        if (kbJwt.Length > 0)
        {
            var binding = CheckKeyBinding(issuerJwt, kbJwt, text[..(lastTilde + 1)], expectations, now, out holder);
            if (binding is { } failure)
            {
                return PresentationVerificationResult.Fail(failure.Code, failure.Message);
            }
        }

        var claims = disclosed.Claims!;
        claims.Remove("cnf");
        using var claimsDocument = JsonDocument.Parse(claims.ToJsonString());
        return new PresentationVerificationResult(new VerifiedPresentation(
        [
            new PresentedCredential
            {
                Format = CredentialFormats.SdJwtVc,
                Claims = claimsDocument.RootElement.Clone(),
                Vct = issuerJwt.PayloadString("vct"),
                Issuer = issuer,
                HolderBound = holder is not null,
                Holder = holder,
                Raw = text[..(lastTilde + 1)],
                AuthorityKeyIdentifiers = resolution.Key.AuthorityKeyIdentifiers,
            },
        ]), null, null);
    }

    private static (string Code, string Message)? CheckKeyBinding(CompactJwsToken issuerJwt, string kbJwt, string presentedSdJwt, PresentationExpectations expectations, DateTimeOffset now, out string? holder)
    {
        holder = null;
        using var kb = CompactJwsToken.TryParse(kbJwt);
        if (kb is null || kb.Type != "kb+jwt")
        {
            return (PresentationFailureCodes.InvalidPresentation, "the Key Binding JWT must be a compact JWS with typ kb+jwt");
        }
        if (!issuerJwt.Payload.TryGetProperty("cnf", out var cnf) || cnf.ValueKind != JsonValueKind.Object
            || !cnf.TryGetProperty("jwk", out var jwkJson) || jwkJson.ValueKind != JsonValueKind.Object || jwkJson.TryGetProperty("d", out _))
        {
            return (PresentationFailureCodes.InvalidPresentation, "the SD-JWT has no cnf.jwk holder key to check the Key Binding JWT with");
        }
        JsonWebKey holderKey;
        try
        {
            holderKey = new JsonWebKey(jwkJson.GetRawText());
        }
        catch (ArgumentException)
        {
            return (PresentationFailureCodes.InvalidPresentation, "the cnf.jwk is not a valid JWK");
        }
        if (!kb.VerifySignature(holderKey))
        {
            return (PresentationFailureCodes.InvalidPresentationSignature, "the Key Binding JWT signature does not verify with the cnf key");
        }
        if (kb.PayloadString("aud") != expectations.Audience)
        {
            return (PresentationFailureCodes.InvalidAudience, $"the Key Binding JWT aud is not the client identifier '{expectations.Audience}'");
        }
        if (kb.PayloadString("nonce") != expectations.Nonce)
        {
            return (PresentationFailureCodes.InvalidNonce, "the Key Binding JWT nonce is not the request's nonce");
        }
        if (kb.PayloadTime("iat") is not { } iat || iat > now + Validity.ClockSkew || iat < now - Validity.MaxProofAge)
        {
            return (PresentationFailureCodes.InvalidPresentation, "the Key Binding JWT iat is missing or not recent");
        }
        var expectedHash = Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(presentedSdJwt)));
        if (kb.PayloadString("sd_hash") != expectedHash)
        {
            return (PresentationFailureCodes.InvalidSdHash, "the Key Binding JWT sd_hash does not match the presented SD-JWT and disclosures");
        }
        if (expectations.TransactionDataHashes is { Count: > 0 } expected)
        {
            var returned = kb.Payload.TryGetProperty("transaction_data_hashes", out var hashes) && hashes.ValueKind == JsonValueKind.Array
                ? hashes.EnumerateArray().Where(h => h.ValueKind == JsonValueKind.String).Select(h => h.GetString()!).ToHashSet(StringComparer.Ordinal)
                : [];
            if (!expected.All(returned.Contains))
            {
                return (PresentationFailureCodes.InvalidTransactionData, "the Key Binding JWT does not return the hashes of the request's transaction_data");
            }
        }
        holder = "urn:ietf:params:oauth:jwk-thumbprint:sha-256:" + Base64UrlEncoder.Encode(holderKey.ComputeJwkThumbprint());
        return null;
    }

    private sealed record Disclosure(string Digest, string? Name, JsonNode? Value, bool IsArrayElement);

    private static (JsonObject? Claims, string? Error) Disclose(JsonElement payload, ReadOnlySpan<string> encoded)
    {
        var disclosures = new Dictionary<string, Disclosure>(StringComparer.Ordinal);
        foreach (var item in encoded)
        {
            if (item.Length == 0)
            {
                return (null, "an empty disclosure was presented");
            }
            JsonArray? array;
            try
            {
                array = JsonNode.Parse(Base64Url.DecodeFromChars(item)) as JsonArray;
            }
            catch (Exception e) when (e is FormatException or JsonException)
            {
                return (null, "a disclosure is not base64url-encoded JSON");
            }
            var digest = Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(item)));
            Disclosure? disclosure = array switch
            {
                [JsonValue salt, JsonValue name, var value] when salt.TryGetValue<string>(out _) && name.TryGetValue<string>(out var n) => new(digest, n, value?.DeepClone(), false),
                [JsonValue salt, var value] when salt.TryGetValue<string>(out _) => new(digest, null, value?.DeepClone(), true),
                _ => null,
            };
            if (disclosure is null)
            {
                return (null, "a disclosure must be [salt, name, value] or [salt, value]");
            }
            if (disclosure.Name is "_sd" or "..." or "_sd_alg" or "cnf")
            {
                return (null, $"a disclosure may not disclose '{disclosure.Name}'");
            }
            if (!disclosures.TryAdd(digest, disclosure))
            {
                return (null, "the same disclosure was presented twice");
            }
        }

        var used = new HashSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var root = JsonNode.Parse(payload.GetRawText())!.AsObject();
        var error = Process(root, disclosures, used, seen);
        if (error is not null)
        {
            return (null, error);
        }
        if (used.Count != disclosures.Count)
        {
            return (null, "a presented disclosure is not referenced by any digest in the SD-JWT");
        }
        root.Remove("_sd_alg");
        return (root, null);
    }

    private static string? Process(JsonNode? node, Dictionary<string, Disclosure> disclosures, HashSet<string> used, HashSet<string> seen)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["_sd"] is { } sd)
                {
                    if (sd is not JsonArray digests)
                    {
                        return "_sd must be an array of digests";
                    }
                    obj.Remove("_sd");
                    foreach (var digestNode in digests)
                    {
                        if (digestNode is not JsonValue v || !v.TryGetValue<string>(out var digest))
                        {
                            return "_sd must hold digest strings";
                        }
                        if (!seen.Add(digest))
                        {
                            return "a digest appears more than once in the SD-JWT";
                        }
                        if (disclosures.TryGetValue(digest, out var disclosure))
                        {
                            if (disclosure.IsArrayElement)
                            {
                                return "an array-element disclosure is referenced from an object";
                            }
                            if (obj.ContainsKey(disclosure.Name!))
                            {
                                return $"the disclosed claim '{disclosure.Name}' already exists";
                            }
                            used.Add(digest);
                            obj[disclosure.Name!] = disclosure.Value?.DeepClone();
                        }
                    }
                }
                foreach (var property in obj.ToList())
                {
                    if (Process(property.Value, disclosures, used, seen) is { } error)
                    {
                        return error;
                    }
                }
                return null;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonObject { Count: 1 } placeholder && placeholder["..."] is JsonValue ellipsis && ellipsis.TryGetValue<string>(out var digest))
                    {
                        if (!seen.Add(digest))
                        {
                            return "a digest appears more than once in the SD-JWT";
                        }
                        if (disclosures.TryGetValue(digest, out var disclosure))
                        {
                            if (!disclosure.IsArrayElement)
                            {
                                return "an object-property disclosure is referenced from an array";
                            }
                            used.Add(digest);
                            array[i] = disclosure.Value?.DeepClone();
                        }
                        else
                        {
                            array.RemoveAt(i);
                            i--;
                            continue;
                        }
                    }
                    if (Process(array[i], disclosures, used, seen) is { } error)
                    {
                        return error;
                    }
                }
                return null;
            default:
                return null;
        }
    }
}
