using GaiaX.Oid4vc.Compliance.Filters;

namespace GaiaX.Oid4vc.Compliance.Verification;

/// <summary>Checks a JWS signature under the credential core's verification allow-list.</summary>
public interface IJwsSignatureVerifier
{
    bool IsAllowedAlgorithm(string algorithm);

    bool Verify(AssessedJwt jws, ResolvedVerificationMethod method);
}
