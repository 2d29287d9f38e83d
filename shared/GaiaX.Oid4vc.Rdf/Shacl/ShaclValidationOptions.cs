namespace GaiaX.Oid4vc.Rdf.Shacl;

/// <summary>Options for one validation.</summary>
public sealed record ShaclValidationOptions
{
    /// <summary>
    /// SHACL reads <c>rdfs:subClassOf</c> from the data graph. Untrusted input (a credential) could
    /// declare its own classes to be subclasses of the ones a shape requires; set this to use only the
    /// hierarchy compiled with the shapes (e.g. the Gaia-X ontology).
    /// </summary>
    public bool IgnoreDataGraphClassHierarchy { get; init; }

    /// <summary>
    /// The class hierarchy to use instead of the one compiled with the shapes (e.g. the ontology's extended with an
    /// ecosystem's subclasses, built once); the data graph's own triples are still added unless
    /// <see cref="IgnoreDataGraphClassHierarchy"/> is set.
    /// </summary>
    public ClassHierarchy? ClassHierarchy { get; init; }
}
