using GaiaX.Oid4vc.ServiceDefaults;

namespace GaiaX.Oid4vc.Issuer.Management;

/// <summary>The scopes of the management API, one per kind of operation (write implies read).</summary>
public static class ManagementScopes
{
    public const string OffersWrite = "issuer.offers.write";
    public const string OffersRead = "issuer.offers.read";

    /// <summary>Find issued credentials and revoke, suspend or unsuspend them.</summary>
    public const string CredentialsStatus = "issuer.credentials.status";

    public static ManagementApiScopes Api { get; } = new(OffersRead, OffersWrite) { Others = [CredentialsStatus] };
}
