using GaiaX.Oid4vc.Rdf.JsonLd;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Compliance.Ontologies;

/// <summary>Refuses to start with an ontology version that names no namespace, an unknown release or a cycle.</summary>
public sealed class OntologyVersionsValidator : IValidateOptions<Dictionary<string, OntologyVersionOptions>>
{
    public ValidateOptionsResult Validate(string? name, Dictionary<string, OntologyVersionOptions> options)
    {
        try
        {
            _ = new OntologyCatalog(new OfflineDocumentLoader(), Options.Create(options));
            return ValidateOptionsResult.Success;
        }
        catch (OptionsValidationException e)
        {
            return ValidateOptionsResult.Fail(e.Failures);
        }
    }
}
