namespace GaiaX.Oid4vc.Rdf.JsonLd;

/// <summary>Options for JSON-LD to RDF conversion.</summary>
public sealed record JsonLdOptions
{
    /// <summary>The document's base IRI, for relative IRIs; none by default.</summary>
    public string? BaseIri { get; init; }

    /// <summary>Largest accepted nesting depth of the JSON input.</summary>
    public int MaxDepth { get; init; } = 64;
}
