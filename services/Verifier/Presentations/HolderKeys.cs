using GaiaX.Oid4vc.Credentials.Jose;
using GaiaX.Oid4vc.Verifier.Requests;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Verifier.Presentations;

/// <summary>
/// Keys of presentation signers (holders): a self-certifying <c>did:jwk</c> is read from the DID
/// itself; any other <c>kid</c> (a did:web DID URL, an x5c chain) goes to the credential core's
/// resolver, with its trust rules.
/// </summary>
public sealed class HolderKeyResolver(IJwsKeyResolver others) : IJwsKeyResolver
{
    public ValueTask<VerificationResult<ResolvedKey>> ResolveAsync(ParsedJws jws, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(jws);
        if (jws.KeyId is not { } kid || !DidJwk.IsDidJwk(kid))
        {
            return others.ResolveAsync(jws, cancellationToken);
        }
        var hash = kid.IndexOf('#', StringComparison.Ordinal);
        var did = hash < 0 ? kid : kid[..hash];
        if (!DidJwk.TryDecode(did, out var jwk))
        {
            return ValueTask.FromResult(VerificationResult<ResolvedKey>.Fail(VerificationFailure.InvalidDid, "The kid is not a did:jwk with a base64url JSON Web Key."));
        }
        var key = Jwk.ParsePublic(jwk);
        return ValueTask.FromResult(key.Succeeded
            ? VerificationResult<ResolvedKey>.Success(new ResolvedKey(key.Value) { Controller = did, KeyId = kid })
            : VerificationResult<ResolvedKey>.Fail(key.Error));
    }
}

/// <summary>The optional allow-list of issuers (<see cref="IssuerTrustOptions.TrustedIssuers"/>), on top of the trust anchors.</summary>
public sealed class TrustedIssuerList(IOptions<VerifierOptions> options)
{
    public bool Allows(string? issuer) =>
        options.Value.Trust.TrustedIssuers.Count == 0 || (issuer is not null && options.Value.Trust.TrustedIssuers.Contains(issuer, StringComparer.Ordinal));
}

/// <summary>Maps the credential core's refusal reasons to the Verifier's reason codes.</summary>
internal static class FailureCodes
{
    /// <summary>A refusal of a credential (issuer-signed): trust, signature, validity.</summary>
    public static string ForCredential(VerificationFailure reason) => reason switch
    {
        VerificationFailure.InvalidSignature => PresentationFailureCodes.InvalidCredentialSignature,
        VerificationFailure.Expired => PresentationFailureCodes.CredentialExpired,
        VerificationFailure.NotYetValid => PresentationFailureCodes.CredentialNotYetValid,
        VerificationFailure.AlgorithmNone or VerificationFailure.AlgorithmNotAllowed or VerificationFailure.KeyAlgorithmMismatch => PresentationFailureCodes.UnsupportedAlgorithm,
        VerificationFailure.UntrustedChain or VerificationFailure.SelfSignedCertificate or VerificationFailure.CertificateExpired
            or VerificationFailure.CertificateKeyUsage or VerificationFailure.CertificatePolicyMissing or VerificationFailure.CertificateMalformed
            or VerificationFailure.KeyCertificateMismatch or VerificationFailure.KeyNotFound or VerificationFailure.MissingKeyId
            or VerificationFailure.KeyIdNotOfIssuer or VerificationFailure.IssuerMismatch or VerificationFailure.DidResolutionFailed
            or VerificationFailure.InvalidDid or VerificationFailure.AddressRefused or VerificationFailure.InvalidKey => PresentationFailureCodes.UntrustedIssuer,
        VerificationFailure.DisclosureInvalid or VerificationFailure.UnsupportedHashAlgorithm => PresentationFailureCodes.InvalidDisclosure,
        _ => PresentationFailureCodes.InvalidCredential,
    };

    /// <summary>A refusal of the presentation's holder binding (VP-JWT or KB-JWT).</summary>
    public static string ForPresentation(VerificationFailure reason) => reason switch
    {
        VerificationFailure.NonceMismatch => PresentationFailureCodes.InvalidNonce,
        VerificationFailure.AudienceMismatch => PresentationFailureCodes.InvalidAudience,
        VerificationFailure.SdHashMismatch => PresentationFailureCodes.InvalidSdHash,
        VerificationFailure.KeyBindingMissing => PresentationFailureCodes.HolderBindingMissing,
        VerificationFailure.Expired or VerificationFailure.IssuedAtInvalid => PresentationFailureCodes.PresentationExpired,
        VerificationFailure.AlgorithmNone or VerificationFailure.AlgorithmNotAllowed or VerificationFailure.KeyAlgorithmMismatch => PresentationFailureCodes.UnsupportedAlgorithm,
        VerificationFailure.InvalidSignature or VerificationFailure.KeyNotFound or VerificationFailure.InvalidKey or VerificationFailure.KeyIdNotOfIssuer
            or VerificationFailure.MissingKeyId or VerificationFailure.DidResolutionFailed or VerificationFailure.InvalidDid
            or VerificationFailure.PrivateKeyInJwk or VerificationFailure.UntrustedChain => PresentationFailureCodes.InvalidPresentationSignature,
        _ => PresentationFailureCodes.InvalidPresentation,
    };
}
