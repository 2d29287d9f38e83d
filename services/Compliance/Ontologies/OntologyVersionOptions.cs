namespace GaiaX.Oid4vc.Compliance.Ontologies;

/// <summary>
/// One more Gaia-X ontology version (<c>Compliance:Ontologies:{name}</c>), beside the built-in <c>development</c> and
/// <c>2511</c>: its namespace, and either <see cref="SameReleaseAs"/> (a known version whose files it shares under
/// its own namespace) or its own <see cref="ShapesFile"/> and <see cref="ContextFile"/>.
/// </summary>
public sealed class OntologyVersionOptions
{
    public string? Namespace { get; set; }

    public string? SameReleaseAs { get; set; }

    public string? ShapesFile { get; set; }

    public string? OntologyFile { get; set; }

    public string? ContextFile { get; set; }

    /// <summary>The compliance document whose label criteria apply to credentials of this version.</summary>
    public string CriteriaVersion { get; set; } = "24.11";
}
