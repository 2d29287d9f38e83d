using GaiaX.Oid4vc.Credentials.Jose;
using GaiaX.Oid4vc.Credentials.Vcdm;

namespace GaiaX.Oid4vc.Credentials.VcJwt;

/// <summary>
/// Verifies VC-JWTs: header policy (typ <c>vc+jwt</c>, <c>vc+ld+jwt</c>, <c>vc+ld+json+jwt</c>;
/// <c>kid</c> required), <c>kid</c> a DID URL of the issuer, the key through the resolver
/// (did:web + X.509 chain in production), signature, <c>exp</c>/<c>nbf</c>/<c>iat</c>, and the
/// VCDM 2.0 rules including <c>validFrom</c>/<c>validUntil</c>.
/// </summary>
public sealed class VcJwtVerifier(IJwsKeyResolver resolver, TimeProvider time, JwsPolicy? policy = null)
{
    public JwsPolicy Policy { get; } = policy ?? JwsPolicy.VcJwt;

    public async ValueTask<VerificationResult<VerifiedCredential>> VerifyAsync(string? token, CancellationToken cancellationToken = default)
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
        var issuer = VcdmRules.IssuerId(jws.Payload);
        if (issuer is null)
        {
            return VerificationResult<VerifiedCredential>.Fail(
                VerificationFailure.DataModelViolation,
                "The credential has no issuer (a URL, or an object with an id URL)."
            );
        }
        var identityError = IssuerBinding.Check(jws, issuer);
        if (identityError is not null)
        {
            return identityError;
        }
        var resolved = await resolver.ResolveAsync(jws, cancellationToken).ConfigureAwait(false);
        if (!resolved.Succeeded)
        {
            return resolved.Error;
        }
        var error = IssuerBinding.CheckController(resolved.Value, issuer)
            ?? jws.VerifySignature(resolved.Value.Key)
            ?? jws.ValidateLifetime(Policy, time.GetUtcNow())
            ?? VcdmRules.CheckCredential(jws.Payload, time.GetUtcNow(), Policy.ClockSkew);
        return error is not null
            ? error
            : VerificationResult<VerifiedCredential>.Success(new VerifiedCredential(jws, resolved.Value, issuer));
    }
}

/// <summary>The rules tying a JWS's <c>iss</c> and <c>kid</c> to the credential's issuer or the presentation's holder.</summary>
internal static class IssuerBinding
{
    /// <summary>A DID subject's key must have come from that DID's document, not from elsewhere (e.g. an x5c header).</summary>
    public static VerificationError? CheckController(ResolvedKey key, string subjectDid) =>
        subjectDid.StartsWith("did:", StringComparison.Ordinal) && !string.Equals(key.Controller, subjectDid, StringComparison.Ordinal)
            ? new VerificationError(VerificationFailure.KeyIdNotOfIssuer, $"The key was not found in the DID document of '{subjectDid}'.")
            : null;

    public static VerificationError? Check(ParsedJws jws, string subjectDid)
    {
        var headerIss = jws.HeaderString("iss");
        if (headerIss is not null && !string.Equals(headerIss, subjectDid, StringComparison.Ordinal))
        {
            return new VerificationError(VerificationFailure.IssuerMismatch, $"The header iss '{headerIss}' differs from '{subjectDid}'.");
        }
        var claimIss = jws.PayloadString("iss");
        if (claimIss is not null && !string.Equals(claimIss, subjectDid, StringComparison.Ordinal))
        {
            return new VerificationError(VerificationFailure.IssuerMismatch, $"The iss claim '{claimIss}' differs from '{subjectDid}'.");
        }
        if (subjectDid.StartsWith("did:", StringComparison.Ordinal))
        {
            var kid = jws.KeyId;
            if (kid is null)
            {
                return new VerificationError(VerificationFailure.MissingKeyId, "The header has no kid.");
            }
            if (!kid.StartsWith(subjectDid + "#", StringComparison.Ordinal) || kid.Length == subjectDid.Length + 1)
            {
                return new VerificationError(
                    VerificationFailure.KeyIdNotOfIssuer,
                    $"The kid '{kid}' is not a verification method of '{subjectDid}'."
                );
            }
        }
        return null;
    }
}
