namespace GaiaX.Oid4vc.Verifier.Requests;

/// <summary>Client identifier prefixes (OpenID4VP 1.0 §5.9.3) this verifier can use.</summary>
public static class ClientIdPrefixes
{
    public const string DecentralizedIdentifier = "decentralized_identifier";
    public const string X509SanDns = "x509_san_dns";

    /// <summary>HAIP's: the base64url SHA-256 of the DER leaf certificate whose key signs the request object.</summary>
    public const string X509Hash = "x509_hash";

    /// <summary>Signed with the key a Verifier Attestation JWT (in the <c>jwt</c> header) binds to its <c>sub</c>.</summary>
    public const string VerifierAttestation = "verifier_attestation";

    public static IReadOnlyList<string> Supported { get; } = [DecentralizedIdentifier, X509SanDns, X509Hash, VerifierAttestation];

    /// <summary>Whether the prefix signs with the X.509 identity and carries its chain as <c>x5c</c>.</summary>
    public static bool IsX509(string prefix) => prefix is X509SanDns or X509Hash;

    /// <summary>The <c>x509_hash</c> identifier of a leaf certificate (OpenID4VP 1.0 section 5.9.3).</summary>
    public static string X509HashOf(System.Security.Cryptography.X509Certificates.X509Certificate2 leaf)
    {
        ArgumentNullException.ThrowIfNull(leaf);
        return System.Buffers.Text.Base64Url.EncodeToString(System.Security.Cryptography.SHA256.HashData(leaf.RawData));
    }
}
