using System.Text;
using GaiaX.Oid4vc.Compliance.Filters;
using GaiaX.Oid4vc.Credentials.Jose;

namespace GaiaX.Oid4vc.Compliance.Verification;

/// <summary>JWS signatures with the credential core's keys and its verification allow-list (no <c>none</c>, no HMAC).</summary>
public sealed class CredentialCoreSignatureVerifier : IJwsSignatureVerifier
{
    public bool IsAllowedAlgorithm(string algorithm) => JwsAlgorithms.Verification.Contains(algorithm);

    public bool Verify(AssessedJwt jws, ResolvedVerificationMethod method)
    {
        ArgumentNullException.ThrowIfNull(jws);
        ArgumentNullException.ThrowIfNull(method);
        if (jws.Algorithm is not { } algorithm || !IsAllowedAlgorithm(algorithm) || !method.PublicKey.IsCompatibleWith(algorithm))
        {
            return false;
        }
        var input = jws.Compact.AsSpan(0, jws.SigningInputLength);
        var buffer = input.Length <= 4096 ? stackalloc byte[input.Length] : new byte[input.Length];
        var length = Encoding.ASCII.GetBytes(input, buffer);
        return method.PublicKey.Verify(algorithm, buffer[..length], jws.Signature.Span);
    }
}
