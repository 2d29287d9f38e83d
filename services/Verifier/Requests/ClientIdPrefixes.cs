namespace GaiaX.Oid4vc.Verifier.Requests;

/// <summary>Client identifier prefixes (OpenID4VP 1.0 §5.9.3) this verifier can use.</summary>
public static class ClientIdPrefixes
{
    public const string DecentralizedIdentifier = "decentralized_identifier";
    public const string X509SanDns = "x509_san_dns";

    public static IReadOnlyList<string> Supported { get; } = [DecentralizedIdentifier, X509SanDns];
}
