using GaiaX.Oid4vc.Rdf.JsonLd;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Compliance.Ontologies;

/// <summary>
/// Refuses to start with an ontology version that names no namespace, an unknown release, a cycle, or criteria that are not
/// shipped.
/// </summary>
public sealed class OntologyVersionsValidator : IValidateOptions<Dictionary<string, OntologyVersionOptions>>
{
    public ValidateOptionsResult Validate(string? name, Dictionary<string, OntologyVersionOptions> options)
    {
        try
        {
            var catalog = new OntologyCatalog(new OfflineDocumentLoader(), Options.Create(options));
            var unshipped = catalog
                .Versions.Where(v => Labels.ComplianceCriteria.Find(v.CriteriaVersion) is null)
                .Select(v =>
                    $"{OntologyCatalog.SectionName}:{v.Name}:CriteriaVersion names '{v.CriteriaVersion}', whose criteria are not shipped."
                )
                .ToArray();
            return unshipped.Length == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(unshipped);
        }
        catch (OptionsValidationException e)
        {
            return ValidateOptionsResult.Fail(e.Failures);
        }
    }
}
