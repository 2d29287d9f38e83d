using GaiaX.Oid4vc.Credentials.Jose;
using GaiaX.Oid4vc.Verifier.Trust;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Verifier.Presentations;

/// <summary>
/// The optional allow-list of issuers, on top of the trust anchors: <see cref="IssuerTrustOptions.TrustedIssuers"/>,
/// and when <see cref="RegistryTrustOptions.IssuerRole"/> is set, the Registry's issuers of that role too. Without a role
/// an empty configured list allows every issuer; with one, only the issuers on either list are allowed.
/// </summary>
public sealed class TrustedIssuerList(IOptions<VerifierOptions> options, TrustListFollower trust)
{
    public bool Allows(string? issuer)
    {
        var configured = options.Value.Trust.TrustedIssuers;
        var fromRegistry = trust.Current?.RoleIssuers;
        if (fromRegistry is null)
        {
            return configured.Count == 0 || (issuer is not null && configured.Contains(issuer, StringComparer.Ordinal));
        }
        return issuer is not null && (fromRegistry.Contains(issuer) || configured.Contains(issuer, StringComparer.Ordinal));
    }

    /// <summary>Why <paramref name="issuer"/> is refused, naming the lists it is not on.</summary>
    public string Refusal(string? issuer) =>
        options.Value.Trust.Registry.IssuerRole is { } role
            ? $"issuer '{issuer}' is neither trusted as '{role}' by the Registry nor on the trusted issuer list"
            : $"issuer '{issuer}' is not on the trusted issuer list";
}

/// <summary>Maps the credential core's refusal reasons to the Verifier's reason codes.</summary>
internal static class FailureCodes
{
    /// <summary>A refusal of a credential (issuer-signed): trust, signature, validity.</summary>
    public static string ForCredential(VerificationFailure reason) =>
        reason switch
        {
            VerificationFailure.InvalidSignature => PresentationFailureCodes.InvalidCredentialSignature,
            VerificationFailure.Expired => PresentationFailureCodes.CredentialExpired,
            VerificationFailure.NotYetValid => PresentationFailureCodes.CredentialNotYetValid,
            VerificationFailure.AlgorithmNone or VerificationFailure.AlgorithmNotAllowed or VerificationFailure.KeyAlgorithmMismatch =>
                PresentationFailureCodes.UnsupportedAlgorithm,
            VerificationFailure.UntrustedChain
            or VerificationFailure.SelfSignedCertificate
            or VerificationFailure.CertificateExpired
            or VerificationFailure.CertificateKeyUsage
            or VerificationFailure.CertificatePolicyMissing
            or VerificationFailure.CertificateMalformed
            or VerificationFailure.CertificateRevoked
            or VerificationFailure.KeyCertificateMismatch
            or VerificationFailure.KeyNotFound
            or VerificationFailure.MissingKeyId
            or VerificationFailure.KeyIdNotOfIssuer
            or VerificationFailure.IssuerMismatch
            or VerificationFailure.DidResolutionFailed
            or VerificationFailure.InvalidDid
            or VerificationFailure.AddressRefused
            or VerificationFailure.InvalidKey => PresentationFailureCodes.UntrustedIssuer,
            VerificationFailure.DisclosureInvalid or VerificationFailure.UnsupportedHashAlgorithm =>
                PresentationFailureCodes.InvalidDisclosure,
            _ => PresentationFailureCodes.InvalidCredential,
        };

    /// <summary>A refusal of the presentation's holder binding (VP-JWT or KB-JWT).</summary>
    public static string ForPresentation(VerificationFailure reason) =>
        reason switch
        {
            VerificationFailure.NonceMismatch => PresentationFailureCodes.InvalidNonce,
            VerificationFailure.AudienceMismatch => PresentationFailureCodes.InvalidAudience,
            VerificationFailure.SdHashMismatch => PresentationFailureCodes.InvalidSdHash,
            VerificationFailure.KeyBindingMissing => PresentationFailureCodes.HolderBindingMissing,
            VerificationFailure.Expired or VerificationFailure.IssuedAtInvalid => PresentationFailureCodes.PresentationExpired,
            VerificationFailure.AlgorithmNone or VerificationFailure.AlgorithmNotAllowed or VerificationFailure.KeyAlgorithmMismatch =>
                PresentationFailureCodes.UnsupportedAlgorithm,
            VerificationFailure.InvalidSignature
            or VerificationFailure.KeyNotFound
            or VerificationFailure.InvalidKey
            or VerificationFailure.KeyIdNotOfIssuer
            or VerificationFailure.MissingKeyId
            or VerificationFailure.DidResolutionFailed
            or VerificationFailure.InvalidDid
            or VerificationFailure.PrivateKeyInJwk
            or VerificationFailure.CertificateRevoked
            or VerificationFailure.UntrustedChain => PresentationFailureCodes.InvalidPresentationSignature,
            _ => PresentationFailureCodes.InvalidPresentation,
        };
}
