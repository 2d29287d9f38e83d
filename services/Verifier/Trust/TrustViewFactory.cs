using System.Security.Cryptography.X509Certificates;
using GaiaX.Oid4vc.Credentials.DidWeb;
using GaiaX.Oid4vc.Credentials.X509;
using GaiaX.Oid4vc.Dapr.Events;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Verifier.Trust;

/// <summary>
/// Builds <see cref="TrustView"/>s: the configured one from the credential core's own services, and one per trust list
/// of the Registry with a validator and key resolvers of its own. DID documents and <c>x5u</c> chains are fetched and
/// cached by the shared resolver and fetcher: they say what a key is, not whether it is trusted.
/// </summary>
public sealed class TrustViewFactory(
    TrustAnchors configuredAnchors,
    CertificateChainValidator configuredChains,
    DidWebKeyResolver configuredDidWeb,
    X5cKeyResolver configuredX5c,
    DidWebResolver didWeb,
    X5uFetcher x5u,
    IOptions<DidWebOptions> didWebOptions,
    IOptions<VerifierOptions> options,
    TimeProvider time
)
{
    /// <summary>The trust of the configuration alone (<c>Trust:AnchorCertificates</c>, no revocations).</summary>
    public TrustView Configured() =>
        new(TrustView.ConfiguredVersion, configuredChains, new IssuerKeyResolver(configuredDidWeb, configuredX5c), RoleIssuers(null));

    /// <summary>The view of a trust list from the Registry, or why the list cannot be applied.</summary>
    public (TrustView? View, string? Problem) FromSnapshot(TrustListChanged changed)
    {
        ArgumentNullException.ThrowIfNull(changed);
        if (TrustListSnapshot.Problem(changed) is { } problem)
        {
            return (null, problem);
        }
        var anchors = new List<X509Certificate2>(configuredAnchors.Certificates);
        for (var i = 0; i < changed.TrustAnchors!.Count; i++)
        {
            var parsed = CertificateChainValidator.ParsePem(changed.TrustAnchors[i]);
            if (!parsed.Succeeded)
            {
                return (null, $"trust anchor {i}: {parsed.Error.Message}");
            }
            foreach (var certificate in parsed.Value)
            {
                if (certificate.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault() is not { CertificateAuthority: true })
                {
                    return (null, $"trust anchor {i} ('{certificate.Subject}') is not a CA certificate");
                }
                if (!anchors.Any(a => a.RawDataMemory.Span.SequenceEqual(certificate.RawDataMemory.Span)))
                {
                    anchors.Add(certificate);
                }
            }
        }
        var chains = new CertificateChainValidator(
            new TrustAnchors(anchors),
            time,
            changed.RevokedCertificates!.ToHashSet(StringComparer.OrdinalIgnoreCase)
        );
        var keys = new IssuerKeyResolver(
            new DidWebKeyResolver(didWeb, chains, x5u, time),
            new X5cKeyResolver(chains, didWebOptions.Value.RequiredCertificatePolicy)
        );
        return (new TrustView(changed.Version, chains, keys, RoleIssuers(changed)), null);
    }

    private IReadOnlySet<string>? RoleIssuers(TrustListChanged? changed) =>
        options.Value.Trust.Registry.IssuerRole is { } role
            ? (changed?.TrustedIssuers?.GetValueOrDefault(role) ?? []).ToHashSet(StringComparer.Ordinal)
            : null;
}
