using System.Security.Cryptography;
using System.Text;
using GaiaX.Oid4vc.Compliance.Filters;

namespace GaiaX.Oid4vc.Compliance.Verification;

/// <summary>
/// JWS signatures with the asymmetric algorithms Gaia-X participants use. HMAC and <c>none</c> are
/// not on the list, so a public key can never be turned into a shared secret.
/// </summary>
public sealed class JwsSignatureVerifier : IJwsSignatureVerifier
{
    private static readonly HashSet<string> Allowed = new(StringComparer.Ordinal) { "ES256", "ES384", "PS256", "RS256" };

    public bool IsAllowedAlgorithm(string algorithm) => Allowed.Contains(algorithm);

    public bool Verify(AssessedJwt jws, ResolvedVerificationMethod method)
    {
        ArgumentNullException.ThrowIfNull(jws);
        ArgumentNullException.ThrowIfNull(method);
        var algorithm = jws.Algorithm;
        if (algorithm is null || !Allowed.Contains(algorithm))
        {
            return false;
        }

        var length = Encoding.ASCII.GetByteCount(jws.Compact.AsSpan(0, jws.SigningInputLength));
        var input = length <= 4096 ? stackalloc byte[length] : new byte[length];
        Encoding.ASCII.GetBytes(jws.Compact.AsSpan(0, jws.SigningInputLength), input);
        return (algorithm, method.PublicKey) switch
        {
            ("ES256", ECDsa ec) when ec.KeySize == 256 => ec.VerifyData(input, jws.Signature, HashAlgorithmName.SHA256),
            ("ES384", ECDsa ec) when ec.KeySize == 384 => ec.VerifyData(input, jws.Signature, HashAlgorithmName.SHA384),
            ("RS256", RSA rsa) when rsa.KeySize >= 2048 => rsa.VerifyData(input, jws.Signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            ("PS256", RSA rsa) when rsa.KeySize >= 2048 => rsa.VerifyData(input, jws.Signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pss),
            _ => false,
        };
    }
}
