using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using GaiaX.Oid4vc.Credentials.X509;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Compliance.Registry;

/// <summary>
/// The registry as configuration: trust-anchor certificates (<c>Compliance:Registry:Local</c> plus the
/// service's own anchors, <c>Trust:AnchorCertificates</c> and the development CA in development),
/// trusted notary DIDs, accepted terms-and-conditions hashes and a shape source. Chains are built by
/// the credential core's <see cref="CertificateChainValidator"/> to these anchors only; a root that
/// arrives inside a caller's chain is never trusted by itself.
/// </summary>
public sealed class LocalGaiaXRegistry : IGaiaXRegistry
{
    private readonly CertificateChainValidator? _chains;
    private readonly IReadOnlySet<string> _notaries;
    private readonly IReadOnlySet<string> _terms;
    private readonly IReadOnlySet<string> _assessmentBodies;
    private readonly string? _shapesFile;
    private readonly string? _ontologyFile;
    private readonly RegistryAnswerCache _verdicts;
    private readonly IReadOnlyList<EcosystemExtension> _extensions;

    public LocalGaiaXRegistry(IOptions<GaiaXRegistryOptions> options, TrustAnchors serviceAnchors, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(serviceAnchors);
        var local = options.Value.Local;
        var anchors = new X509Certificate2Collection();
        foreach (var pem in local.TrustAnchorCertificates)
        {
            anchors.ImportFromPem(pem);
        }
        foreach (var file in local.TrustAnchorCertificateFiles)
        {
            anchors.ImportFromPemFile(file);
        }
        anchors.AddRange(serviceAnchors.Certificates);
        _chains = anchors.Count == 0 ? null : new CertificateChainValidator(new TrustAnchors(anchors), time);
        _notaries = local.RegistrationNotaries.ToHashSet(StringComparer.Ordinal);
        _assessmentBodies = local.ConformityAssessmentBodies.ToHashSet(StringComparer.Ordinal);
        _terms = local.TermsAndConditionsHashes.ToHashSet(StringComparer.OrdinalIgnoreCase);
        _shapesFile = string.IsNullOrWhiteSpace(local.ShapesFile) ? null : local.ShapesFile;
        _ontologyFile = string.IsNullOrWhiteSpace(local.OntologyFile) ? null : local.OntologyFile;
        _verdicts = new RegistryAnswerCache(time, () => options.Value.CacheDuration);
        _extensions = local.EcosystemExtensions.Select(e => Extension(e.Key, e.Value)).ToArray();
    }

    public Task<IReadOnlyList<EcosystemExtension>> GetEcosystemExtensionsAsync(CancellationToken cancellationToken) =>
        Task.FromResult(_extensions);

    private static EcosystemExtension Extension(string name, LocalEcosystemExtensionOptions settings)
    {
        if (settings.ContextUrl is null || settings.ContextFile is null || settings.ShapesFile is null)
        {
            throw new OptionsValidationException(
                GaiaXRegistryOptions.SectionName,
                typeof(LocalEcosystemExtensionOptions),
                [$"{GaiaXRegistryOptions.SectionName}:Local:EcosystemExtensions:{name} needs ContextUrl, ContextFile and ShapesFile."]
            );
        }
        return EcosystemExtension.Checked(
            name,
            settings.ContextUrl,
            File.ReadAllText(settings.ContextFile),
            File.ReadAllText(settings.ShapesFile)
        );
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

    public Task<IReadOnlySet<string>> GetTrustedIssuersAsync(string role, CancellationToken cancellationToken) =>
        Task.FromResult(
            role switch
            {
                "registration-notary" => _notaries,
                Labels.LabelLevelEvaluator.ConformityAssessmentBodyRole => _assessmentBodies,
                _ => (IReadOnlySet<string>)new HashSet<string>(),
            }
        );

    public Task<IReadOnlySet<string>> GetTermsAndConditionsHashesAsync(CancellationToken cancellationToken) => Task.FromResult(_terms);

    public async Task<ShapeSource> GetShapesAsync(CancellationToken cancellationToken)
    {
        if (_shapesFile is null)
        {
            return ShapeSource.RepositoryProfile;
        }
        var turtle = await File.ReadAllTextAsync(_shapesFile, Encoding.UTF8, cancellationToken).ConfigureAwait(false);
        var ontology = _ontologyFile is null
            ? null
            : await File.ReadAllTextAsync(_ontologyFile, Encoding.UTF8, cancellationToken).ConfigureAwait(false);
        var version = File.GetLastWriteTimeUtc(_shapesFile).Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new ShapeSource(_shapesFile, version, turtle, ontology);
    }

    private TrustAnchorVerdict Build(IReadOnlyList<X509Certificate2> certificates)
    {
        if (_chains is null)
        {
            return TrustAnchorVerdict.No("No trust anchor is configured (Compliance:Registry:Local:TrustAnchorCertificates).");
        }
        var validated = _chains.Validate(certificates);
        return validated.Succeeded
            ? TrustAnchorVerdict.Yes
            : TrustAnchorVerdict.No(
                $"The certificate chain of '{certificates[0].Subject}' does not end at a configured trust anchor: "
                    + $"{validated.Error!.Message}"
            );
    }
}
