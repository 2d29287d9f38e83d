using GaiaX.Oid4vc.Compliance.Ontologies;

namespace GaiaX.Oid4vc.Compliance.Filters;

/// <summary>
/// Each credential uses one Gaia-X ontology version this engine knows (named by the Gaia-X context it lists); its
/// shapes, context and label criteria are that version's. An unknown version is named, never guessed.
/// </summary>
public sealed class OntologyVersionFilter(OntologyCatalog ontologies) : IComplianceFilter
{
    public string Name => "OntologyVersion";

    public string Criterion => "Each credential uses a Gaia-X ontology version the engine knows";

    public ComplianceScope Scope => ComplianceScope.Both;

    public ValueTask<FilterVerdict> ApplyAsync(ComplianceContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var credential in context.Credentials)
        {
            var identified = ontologies.Identify(credential.Payload);
            credential.Ontology = identified.Version;
            if (identified.Problem is { } problem)
            {
                context.AddFailure(this, credential, problem);
            }
        }
        return ValueTask.FromResult(FilterVerdict.Continue);
    }
}
