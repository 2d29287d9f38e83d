namespace GaiaX.Oid4vc.Credentials.Keys;

/// <summary>Settings of the service identity: key source, files, and the DID.</summary>
public sealed class IdentityOptions
{
    public const string SectionName = "Identity";

    /// <summary>Where the Kubernetes secret with the identity is mounted (keys <c>tls.key</c>, <c>tls.crt</c>).</summary>
    public const string DefaultSecretFolder = "/var/run/secrets/gaiax/identity";

    public IdentitySource Source { get; set; } = IdentitySource.Development;

    /// <summary>Development: the folder holding this service's key and certificate. Default <c>.devhost-data/&lt;app
    /// name&gt;</c>.</summary>
    public string? DataPath { get; set; }

    /// <summary>Development: the folder of the development CA shared by all services. Default <c>.devhost-data/dev-ca</c>.</summary>
    public string? DevelopmentCaPath { get; set; }

    /// <summary>Files: the PEM (PKCS#8 or SEC1) private key.</summary>
    public string PrivateKeyPath { get; set; } = DefaultSecretFolder + "/tls.key";

    /// <summary>Files: the PEM certificate chain, leaf first.</summary>
    public string CertificateChainPath { get; set; } = DefaultSecretFolder + "/tls.crt";

    /// <summary>
    /// Files: certificate chains (PEM, leaf first) whose keys the DID document publishes beside the signing
    /// key, without signing with them: the next key, mounted before it signs so that verifiers' caches hold it
    /// when the swap happens, and the previous key, while credentials it signed are still in use.
    /// </summary>
    public IList<string> PublishedCertificateChainPaths { get; } = [];

    /// <summary>The service DID. Default: did:web derived from the service's PublicBaseUrl.</summary>
    public string? Did { get; set; }

    /// <summary>ES256 (default) or ES384.</summary>
    public string Algorithm { get; set; } = Jose.JwsAlgorithms.ES256;
}
