using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Compliance.Registry;

/// <summary>
/// The registry as configuration: trust-anchor certificates, trusted notary DIDs, accepted
/// terms-and-conditions hashes and a shape source. Chains are built to the configured anchors only;
/// a root that arrives inside a caller's chain is never trusted by itself.
/// </summary>
public sealed class LocalGaiaXRegistry : IGaiaXRegistry
{
    private readonly X509Certificate2Collection _anchors;
    private readonly IReadOnlySet<string> _notaries;
    private readonly IReadOnlySet<string> _terms;
    private readonly string? _shapesFile;
    private readonly string? _ontologyFile;
    private readonly TimeProvider _time;
    private readonly RegistryAnswerCache _verdicts;

    public LocalGaiaXRegistry(IOptions<GaiaXRegistryOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        var local = options.Value.Local;
        _time = time;
        _anchors = [];
        foreach (var pem in local.TrustAnchorCertificates)
        {
            _anchors.ImportFromPem(pem);
        }
        foreach (var file in local.TrustAnchorCertificateFiles)
        {
            _anchors.ImportFromPemFile(file);
        }
        _notaries = local.RegistrationNotaries.ToHashSet(StringComparer.Ordinal);
        _terms = local.TermsAndConditionsHashes.ToHashSet(StringComparer.OrdinalIgnoreCase);
        _shapesFile = string.IsNullOrWhiteSpace(local.ShapesFile) ? null : local.ShapesFile;
        _ontologyFile = string.IsNullOrWhiteSpace(local.OntologyFile) ? null : local.OntologyFile;
        _verdicts = new RegistryAnswerCache(time, () => options.Value.CacheDuration);
    }

    public Task<TrustAnchorVerdict> VerifyCertificateChainAsync(CertificateChainReference chain, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chain);
        if (chain.Certificates.Count == 0)
        {
            return Task.FromResult(TrustAnchorVerdict.No("The certificate chain is empty."));
        }
        var key = Convert.ToHexString(SHA256.HashData(chain.Certificates.SelectMany(c => c.RawData).ToArray()));
        return _verdicts.GetOrAddAsync(key, _ => Task.FromResult(Build(chain.Certificates)), cancellationToken);
    }

    public Task<IReadOnlySet<string>> GetRegistrationNotariesAsync(CancellationToken cancellationToken) => Task.FromResult(_notaries);

    public Task<IReadOnlySet<string>> GetTermsAndConditionsHashesAsync(CancellationToken cancellationToken) => Task.FromResult(_terms);

    public async Task<ShapeSource> GetShapesAsync(CancellationToken cancellationToken)
    {
        if (_shapesFile is null)
        {
            return ShapeSource.RepositoryProfile;
        }
        var turtle = await File.ReadAllTextAsync(_shapesFile, Encoding.UTF8, cancellationToken).ConfigureAwait(false);
        var ontology = _ontologyFile is null ? null : await File.ReadAllTextAsync(_ontologyFile, Encoding.UTF8, cancellationToken).ConfigureAwait(false);
        var version = File.GetLastWriteTimeUtc(_shapesFile).Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new ShapeSource(_shapesFile, version, turtle, ontology);
    }

    private TrustAnchorVerdict Build(IReadOnlyList<X509Certificate2> certificates)
    {
        if (_anchors.Count == 0)
        {
            return TrustAnchorVerdict.No("No trust anchor is configured (Compliance:Registry:Local:TrustAnchorCertificates).");
        }
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_anchors);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = _time.GetUtcNow().UtcDateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        foreach (var intermediate in certificates.Skip(1))
        {
            chain.ChainPolicy.ExtraStore.Add(intermediate);
        }
        if (chain.Build(certificates[0]))
        {
            return TrustAnchorVerdict.Yes;
        }
        var reasons = chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct().ToArray();
        var subject = certificates[0].Subject;
        return TrustAnchorVerdict.No(reasons.Length == 0
            ? $"The certificate chain of '{subject}' does not end at a configured trust anchor."
            : $"The certificate chain of '{subject}' does not end at a configured trust anchor: {string.Join("; ", reasons)}");
    }
}
