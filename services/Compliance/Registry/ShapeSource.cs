namespace GaiaX.Oid4vc.Compliance.Registry;

/// <summary>
/// SHACL shapes, named for where they came from; the version keys compiled forms. A null
/// <paramref name="Turtle"/> stands for the Gaia-X profile shipped in the repository;
/// <paramref name="OntologyTurtle"/> carries the <c>rdfs:subClassOf</c> facts <c>sh:class</c> needs.
/// </summary>
public sealed record ShapeSource(string Origin, string Version, string? Turtle, string? OntologyTurtle = null)
{
    public static ShapeSource RepositoryProfile { get; } = new("repository Gaia-X profile", "profile", null);
}
