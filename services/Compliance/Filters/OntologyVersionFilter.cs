using GaiaX.Oid4vc.Compliance.Ontologies;
using GaiaX.Oid4vc.Compliance.Registry;

namespace GaiaX.Oid4vc.Compliance.Filters;

/// <summary>
/// Each credential uses one Gaia-X ontology version this engine knows (named by the Gaia-X context it lists); its
/// shapes, context and label criteria are that version's. An unknown version is named, never guessed. The registry's
/// ecosystem extensions whose context a credential lists are noted for the expansion and the shapes; the registry is
/// asked only when a credential lists a context beyond the W3C and Gaia-X ones.
/// </summary>
public sealed class OntologyVersionFilter(OntologyCatalog ontologies, IGaiaXRegistry registry) : IComplianceFilter
{
    public string Name => "OntologyVersion";

    public string Criterion => "Each credential uses a Gaia-X ontology version the engine knows";

    public ComplianceScope Scope => ComplianceScope.Both;

    public async ValueTask<FilterVerdict> ApplyAsync(ComplianceContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        IReadOnlyList<EcosystemExtension>? extensions = null;
        foreach (var credential in context.Credentials)
        {
            var identified = ontologies.Identify(credential.Payload);
            credential.Ontology = identified.Version;
            if (identified.Problem is { } problem)
            {
                context.AddFailure(this, credential, problem);
                continue;
            }
            var others = OntologyCatalog.OtherContextUrls(credential.Payload).ToArray();
            if (others.Length == 0)
            {
                continue;
            }
            extensions ??= await registry.GetEcosystemExtensionsAsync(cancellationToken).ConfigureAwait(false);
            credential.Extensions = extensions.Where(e => others.Contains(e.ContextUrl, StringComparer.Ordinal)).ToArray();
        }
        return FilterVerdict.Continue;
    }
}
