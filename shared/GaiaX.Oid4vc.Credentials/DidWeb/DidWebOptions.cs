using GaiaX.Oid4vc.Credentials.Net;

namespace GaiaX.Oid4vc.Credentials.DidWeb;

/// <summary>Settings of did:web resolution (configuration section <c>DidWeb</c>).</summary>
public sealed class DidWebOptions
{
    public const string SectionName = "DidWeb";

    /// <summary>
    /// Development only: DIDs whose host is loopback are fetched over plain HTTP, and loopback
    /// addresses pass the SSRF guard (DevHost serves its DID documents on http://127.0.0.1).
    /// </summary>
    public bool AllowHttpLoopback { get; set; }

    /// <summary>
    /// Where the documents of some DID hosts are fetched instead of over their public HTTPS URL: the key is the
    /// DID's host part as the DID writes it (<c>issuer.dch.example</c>, <c>example.com%3A8443</c>), the value the base
    /// URL to fetch from (e.g. the in-cluster <c>http://issuer.gaiax-oid4vc.svc.cluster.local</c>, when the public
    /// host does not resolve inside the cluster). The operator's own services only: these fetches skip the SSRF
    /// guard and follow no redirect.
    /// </summary>
    public IDictionary<string, string> Hosts { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    public int MaxDocumentBytes { get; set; } = 64 * 1024;

    /// <summary>Time for the whole resolution, retries included.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>Time for one attempt.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Retries after a transient fault (connection error, 5xx, 408, 429, attempt time-out).</summary>
    public int MaxRetries { get; set; } = 2;

    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long a resolved document (and the keys verified from it) is reused.</summary>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a failed resolution is remembered, so a bad DID cannot make us hammer its host.</summary>
    public TimeSpan FailureCacheDuration { get; set; } = TimeSpan.FromSeconds(10);

    public int MaxRedirects { get; set; } = 3;

    /// <summary>Addresses allowed although special (internal hosts in a private deployment).</summary>
    public SsrfGuardOptions SsrfGuard { get; set; } = new();

    /// <summary>When set, leaf certificates of DID keys must carry this policy (EV: 2.23.140.1.1).</summary>
    public string? RequiredCertificatePolicy { get; set; }

    /// <summary>Whether a DID key must come with <c>x5c</c> or <c>x5u</c> chaining to a trust anchor (Gaia-X: yes).</summary>
    public bool RequireCertificate { get; set; } = true;
}
