namespace GaiaX.Oid4vc.Wallet.Presentation;

/// <summary>Client identifier prefixes a wallet accepts (OpenID4VP 1.0 §5.9).</summary>
public static class ClientIdPrefixes
{
    public const string DecentralizedIdentifier = "decentralized_identifier";
    public const string X509SanDns = "x509_san_dns";

    /// <summary>The base64url SHA-256 of the DER leaf certificate of the request object's <c>x5c</c> (HAIP).</summary>
    public const string X509Hash = "x509_hash";

    /// <summary>A Verifier Attestation JWT in the <c>jwt</c> header, from a trusted attester, binds the key to the identifier.</summary>
    public const string VerifierAttestation = "verifier_attestation";
}
