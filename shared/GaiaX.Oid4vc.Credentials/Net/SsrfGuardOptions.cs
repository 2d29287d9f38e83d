namespace GaiaX.Oid4vc.Credentials.Net;

/// <summary>Settings of the SSRF guard (configuration section <c>OutboundHttp:SsrfGuard</c> or the resolver's own).</summary>
public sealed class SsrfGuardOptions
{
    /// <summary>Development only: loopback addresses (127.0.0.0/8, ::1) may be reached.</summary>
    public bool AllowLoopback { get; set; }

    /// <summary>Exact endpoints allowed although special, as <c>address:port</c> (e.g. <c>127.0.0.1:8443</c>, <c>[::1]:8443</c>).</summary>
    public IList<string> AllowedEndpoints { get; } = [];

    /// <summary>Networks allowed although special, in CIDR form (e.g. <c>10.20.0.0/16</c> for an internal registry).</summary>
    public IList<string> AllowedNetworks { get; } = [];
}
