using System.Text.Json;
using GaiaX.Oid4vc.Credentials.Jose;
using GaiaX.Oid4vc.Credentials.Vcdm;

namespace GaiaX.Oid4vc.Credentials.VcJwt;

/// <summary>
/// Verifies VP-JWTs: the presentation's own signature (holder's <c>kid</c>), <c>nonce</c> and
/// <c>aud</c> binding, the VCDM presentation rules, then every enveloped VC-JWT recursively. All
/// credential failures are collected in <see cref="VerificationError.Inner"/>, not only the first.
/// </summary>
public sealed class VpJwtVerifier(IJwsKeyResolver resolver, VcJwtVerifier credentials, TimeProvider time, JwsPolicy? policy = null)
{
    public JwsPolicy Policy { get; } = policy ?? JwsPolicy.VpJwt;

    /// <summary>Upper bound of enveloped credentials in one presentation.</summary>
    public int MaxCredentials { get; init; } = 64;

    public async ValueTask<VerificationResult<VerifiedPresentation>> VerifyAsync(
        string? token,
        PresentationBinding? binding = null,
        CancellationToken cancellationToken = default
    )
    {
        var parsed = Jws.Parse(token, Policy);
        if (!parsed.Succeeded)
        {
            return parsed.Error;
        }
        var jws = parsed.Value;
        if (VcdmRules.CheckJoseClaims(jws.Payload) is { } jose)
        {
            return jose;
        }
        var holder = HolderOf(jws);
        if (holder is null)
        {
            return VerificationResult<VerifiedPresentation>.Fail(
                VerificationFailure.MissingClaim,
                "The presentation names no holder (holder, or iss)."
            );
        }
        var bindingError = IssuerBinding.Check(jws, holder);
        if (bindingError is not null)
        {
            return bindingError;
        }
        var resolved = await resolver.ResolveAsync(jws, cancellationToken).ConfigureAwait(false);
        if (!resolved.Succeeded)
        {
            return resolved.Error;
        }
        var error = IssuerBinding.CheckController(resolved.Value, holder)
            ?? jws.VerifySignature(resolved.Value.Key)
            ?? jws.ValidateLifetime(Policy, time.GetUtcNow())
            ?? CheckBinding(jws, binding)
            ?? VcdmRules.CheckPresentation(jws.Payload);
        if (error is not null)
        {
            return error;
        }
        var envelopes = Envelopes(jws.Payload, out var envelopeError);
        if (envelopeError is not null)
        {
            return envelopeError;
        }
        // Concurrently: each credential may wait on its issuer's DID document, and one slow host must
        // not make the others wait in line (the caller bounds the whole with its token).
        var results = await Task.WhenAll(envelopes.Select(e => credentials.VerifyAsync(e, cancellationToken).AsTask()))
            .ConfigureAwait(false);
        var verified = new List<VerifiedCredential>(envelopes.Count);
        var failures = new List<VerificationError>();
        for (var i = 0; i < envelopes.Count; i++)
        {
            var result = results[i];
            if (result.Succeeded)
            {
                verified.Add(result.Value);
            }
            else
            {
                failures.Add(result.Error with { Message = $"verifiableCredential[{i}]: {result.Error.Message}" });
            }
        }
        if (failures.Count > 0)
        {
            return new VerificationError(
                VerificationFailure.EnvelopedCredentialInvalid,
                $"{failures.Count} of {envelopes.Count} enveloped credentials failed: "
                    + $"{string.Join("; ", failures.Select(f => f.ToString()))}"
            )
            {
                Inner = failures,
            };
        }
        return VerificationResult<VerifiedPresentation>.Success(new VerifiedPresentation(jws, resolved.Value, holder, verified));
    }

    private static string? HolderOf(ParsedJws jws)
    {
        if (jws.Payload.TryGetProperty("holder", out var holder))
        {
            return holder.ValueKind switch
            {
                JsonValueKind.String => holder.GetString(),
                JsonValueKind.Object => ParsedJws.OptionalString(holder, "id"),
                _ => null,
            };
        }
        return jws.PayloadString("iss") ?? jws.HeaderString("iss");
    }

    private static VerificationError? CheckBinding(ParsedJws jws, PresentationBinding? binding)
    {
        if (binding?.Nonce is { } nonce && !string.Equals(jws.PayloadString("nonce"), nonce, StringComparison.Ordinal))
        {
            return new VerificationError(VerificationFailure.NonceMismatch, "The presentation's nonce is not the expected one.");
        }
        if (binding?.Audience is { } audience && !AudienceContains(jws.Payload, audience))
        {
            return new VerificationError(VerificationFailure.AudienceMismatch, $"The presentation is not addressed to '{audience}'.");
        }
        return null;
    }

    internal static bool AudienceContains(JsonElement payload, string audience)
    {
        if (!payload.TryGetProperty("aud", out var aud))
        {
            return false;
        }
        return aud.ValueKind switch
        {
            JsonValueKind.String => aud.ValueEquals(audience),
            JsonValueKind.Array => aud.EnumerateArray().Any(a => a.ValueKind == JsonValueKind.String && a.ValueEquals(audience)),
            _ => false,
        };
    }

    private List<string> Envelopes(JsonElement presentation, out VerificationError? error)
    {
        error = null;
        var result = new List<string>();
        if (!presentation.TryGetProperty("verifiableCredential", out var list))
        {
            return result;
        }
        var items = list.ValueKind == JsonValueKind.Array ? list.EnumerateArray().ToList() : [list];
        if (items.Count > MaxCredentials)
        {
            error = new VerificationError(
                VerificationFailure.Oversized,
                $"The presentation holds {items.Count} credentials; at most {MaxCredentials} are accepted."
            );
            return result;
        }
        foreach (var item in items)
        {
            var id = item.ValueKind == JsonValueKind.Object ? ParsedJws.OptionalString(item, "id") : null;
            if (
                !VcdmRules.HasType(item, VcdmRules.EnvelopedVerifiableCredentialType)
                || id is null
                || !id.StartsWith(MediaTypes.EnvelopedVcJwtPrefix, StringComparison.Ordinal)
            )
            {
                error = new VerificationError(
                    VerificationFailure.DataModelViolation,
                    $"Each verifiableCredential must be an EnvelopedVerifiableCredential with an id "
                        + $"'{MediaTypes.EnvelopedVcJwtPrefix}<jwt>'."
                );
                return result;
            }
            result.Add(id[MediaTypes.EnvelopedVcJwtPrefix.Length..]);
        }
        return result;
    }
}
