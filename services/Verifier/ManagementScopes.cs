using GaiaX.Oid4vc.ServiceDefaults;

namespace GaiaX.Oid4vc.Verifier;

/// <summary>The scopes of the management API (write implies read).</summary>
public static class ManagementScopes
{
    public const string RequestsWrite = "verifier.requests.write";
    public const string RequestsRead = "verifier.requests.read";

    public static ManagementApiScopes Api { get; } = new(RequestsRead, RequestsWrite);
}
