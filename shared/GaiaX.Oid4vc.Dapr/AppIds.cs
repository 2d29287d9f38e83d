[assembly: System.CLSCompliant(false)]

namespace GaiaX.Oid4vc.Dapr;

/// <summary>
/// The Dapr app ids of the services. Kubernetes manifests (<c>dapr.io/app-id</c>), component
/// <c>scopes</c> and the embedded sidecar use exactly these names.
/// </summary>
public static class AppIds
{
    public const string Issuer = "issuer";
    public const string Verifier = "verifier";
    public const string Notary = "notary";
    public const string Compliance = "compliance";
    public const string Registry = "registry";

    public static IReadOnlyList<string> All { get; } = [Issuer, Verifier, Notary, Compliance, Registry];
}
