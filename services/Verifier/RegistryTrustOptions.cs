namespace GaiaX.Oid4vc.Verifier;

/// <summary>
/// Following the Registry's trust list (<c>Verifier:Trust:Registry</c>): the <c>trust-list-changed</c> events carry the
/// whole list, which the Verifier keeps in its state store and applies without a restart.
/// </summary>
public sealed class RegistryTrustOptions
{
    /// <summary>
    /// Follow the Registry: trust its anchors (besides <c>Trust:AnchorCertificates</c>), refuse chains through a
    /// certificate it revoked, and, with <see cref="IssuerRole"/>, accept its issuers of that role. Off by default: the
    /// Verifier then trusts its configuration alone.
    /// </summary>
    public bool Follow { get; set; }

    /// <summary>
    /// The Registry role whose DIDs are the issuer allow-list (e.g. <c>verifier-trusted-issuer</c>), together with
    /// <see cref="IssuerTrustOptions.TrustedIssuers"/>. Once set, only issuers on one of the two are accepted, even
    /// when both are empty. Unset: no allow-list from the Registry.
    /// </summary>
    public string? IssuerRole { get; set; }

    /// <summary>
    /// Before the first trust list has arrived (and none is stored), judge with the configured trust alone instead of
    /// answering presentations with 503: a credential whose anchor only the Registry holds is then refused until the
    /// list arrives. Off by default, so that "not known yet" is never "untrusted".
    /// </summary>
    public bool Bootstrap { get; set; }

    /// <summary>
    /// How often, in seconds, a replica reads the stored trust list: a delivery reaches one replica of the Verifier
    /// (one consumer group per app), which stores the list; the others take it from there.
    /// </summary>
    public int RefreshSeconds { get; set; } = 30;
}
