using GaiaX.Oid4vc.ServiceDefaults;

namespace GaiaX.Oid4vc.Registry;

/// <summary>The scopes of the Registry's management API.</summary>
public static class ManagementScopes
{
    public const string TrustWrite = "registry.trust.write";
    public const string TrustRead = "registry.trust.read";

    public static ManagementApiScopes Api { get; } = new(TrustRead, TrustWrite);
}
