using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using GaiaX.Oid4vc.Compliance.Filters;

namespace GaiaX.Oid4vc.Compliance.Verification;

/// <summary>A verification method found in a DID document by its exact <c>kid</c>.</summary>
public sealed class ResolvedVerificationMethod
{
    public required string KeyId { get; init; }

    /// <summary>The DID whose document holds the method.</summary>
    public required string Controller { get; init; }

    /// <summary>The JWK's <c>alg</c> (required by Gaia-X).</summary>
    public required string Algorithm { get; init; }

    /// <summary>The JWK's public key (<see cref="ECDsa"/> or <see cref="RSA"/>).</summary>
    public required AsymmetricAlgorithm PublicKey { get; init; }

    /// <summary>The certificate chain from <c>x5c</c> or fetched from <c>x5u</c>, leaf first.</summary>
    public required IReadOnlyList<X509Certificate2> CertificateChain { get; init; }

    /// <summary>The <c>x5u</c> the chain came from, when it came from one.</summary>
    public Uri? CertificateChainUrl { get; init; }
}

/// <summary>Resolves a JWS <c>kid</c> (a DID URL) to its verification method.</summary>
public interface IVerificationMethodResolver
{
    /// <exception cref="VerificationMethodResolutionException">The DID, its document or the method is unusable; the message says why.</exception>
    Task<ResolvedVerificationMethod> ResolveAsync(string keyId, CancellationToken cancellationToken);
}

/// <summary>Checks a JWS signature under the algorithm allow-list.</summary>
public interface IJwsSignatureVerifier
{
    bool IsAllowedAlgorithm(string algorithm);

    bool Verify(AssessedJwt jws, ResolvedVerificationMethod method);
}

/// <summary>The DID or its verification method could not be used; the message is the reason.</summary>
public sealed class VerificationMethodResolutionException : Exception
{
    public VerificationMethodResolutionException()
    {
    }

    public VerificationMethodResolutionException(string message)
        : base(message)
    {
    }

    public VerificationMethodResolutionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
