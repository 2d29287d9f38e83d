using GaiaX.Oid4vc.Compliance.Ontologies;
using GaiaX.Oid4vc.Rdf.JsonLd;

namespace GaiaX.Oid4vc.Compliance.Filters;

/// <summary>
/// Each credential expands from JSON-LD to RDF with the pinned contexts only (VC 2.0, each known Gaia-X ontology
/// version's, and the contexts of the ecosystem extensions the registry lists): an unknown remote context is a failure,
/// never a network fetch. A credential of an unknown ontology version has failed already and is not expanded.
/// </summary>
public sealed class JsonLdExpansionFilter(OntologyCatalog contexts) : IComplianceFilter
{
    public string Name => "JsonLdExpansion";

    public string Criterion => "Each credential expands to RDF with the pinned JSON-LD contexts";

    public ComplianceScope Scope => ComplianceScope.Both;

    public ValueTask<FilterVerdict> ApplyAsync(ComplianceContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var credential in context.Credentials)
        {
            if (credential.Ontology is null)
            {
                continue;
            }
            try
            {
                credential.Graph = JsonLdToRdf.ToDataset(credential.Payload, contexts.WithExtensions(credential.Extensions)).DefaultGraph;
            }
            catch (JsonLdException e)
            {
                context.AddFailure(this, credential, $"The credential's JSON-LD does not expand ({e.Code}): {e.Message}");
            }
        }
        return ValueTask.FromResult(FilterVerdict.Continue);
    }
}
