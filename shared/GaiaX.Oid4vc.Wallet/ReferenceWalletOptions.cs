using System.Security.Cryptography.X509Certificates;

namespace GaiaX.Oid4vc.Wallet;

/// <summary>How the reference wallet reaches and trusts the outside world.</summary>
public sealed record ReferenceWalletOptions
{
    /// <summary>Certificates a verifier's request-object key must chain to (the development CA in DevHost).</summary>
    public required IReadOnlyList<X509Certificate2> TrustAnchors { get; init; }

    /// <summary>Allow plain HTTP and connections to loopback (DevHost and tests only).</summary>
    public bool AllowLoopback { get; init; }

    /// <summary>Timeout of each outbound call.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Longest wait for a deferred credential.</summary>
    public TimeSpan DeferredTimeout { get; init; } = TimeSpan.FromMinutes(2);
}
