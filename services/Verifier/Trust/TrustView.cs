using GaiaX.Oid4vc.Credentials.Jose;
using GaiaX.Oid4vc.Credentials.X509;

namespace GaiaX.Oid4vc.Verifier.Trust;

/// <summary>
/// What the Verifier trusts at one trust-list version, built once and never changed: the chain validator (configured
/// anchors plus the Registry's, the Registry's revocations), the issuer key resolvers over it (with caches of their own,
/// so nothing vouched for under an older list survives it) and the Registry's issuers of the configured role.
/// </summary>
public sealed class TrustView
{
    /// <summary>The version of the configured trust alone: no list from the Registry (not following, or bootstrap).</summary>
    public const long ConfiguredVersion = 0;

    public TrustView(long version, CertificateChainValidator chains, IJwsKeyResolver keys, IReadOnlySet<string>? roleIssuers)
    {
        ArgumentNullException.ThrowIfNull(chains);
        ArgumentNullException.ThrowIfNull(keys);
        Version = version;
        Chains = chains;
        Keys = keys;
        RoleIssuers = roleIssuers;
    }

    /// <summary>The Registry's trust-list version, or <see cref="ConfiguredVersion"/>.</summary>
    public long Version { get; }

    public CertificateChainValidator Chains { get; }

    /// <summary>Issuer keys (did:web or x5c), vouched for by <see cref="Chains"/>.</summary>
    public IJwsKeyResolver Keys { get; }

    /// <summary>The DIDs of <c>Verifier:Trust:Registry:IssuerRole</c>; null when no role is configured.</summary>
    public IReadOnlySet<string>? RoleIssuers { get; }
}
