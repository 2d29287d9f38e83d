namespace GaiaX.Oid4vc.Compliance.Verification;

/// <summary>The DID or its verification method could not be used; the message is the reason.</summary>
public sealed class VerificationMethodResolutionException : Exception
{
    public VerificationMethodResolutionException() { }

    public VerificationMethodResolutionException(string message)
        : base(message) { }

    public VerificationMethodResolutionException(string message, Exception innerException)
        : base(message, innerException) { }
}
