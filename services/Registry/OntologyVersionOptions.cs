namespace GaiaX.Oid4vc.Registry;

/// <summary>
/// The official files of one Gaia-X ontology version (e.g. the 25.11 release's <c>gx.shacl.ttl</c>, <c>gx.owl.ttl</c>,
/// <c>gx.context.jsonld</c>), served at <c>/shapes/{version}</c>, <c>/owl/{version}</c> and <c>/context/{version}</c>.
/// </summary>
public sealed class OntologyVersionOptions
{
    public string? ShapesPath { get; set; }

    public string? OntologyPath { get; set; }

    public string? ContextPath { get; set; }
}
