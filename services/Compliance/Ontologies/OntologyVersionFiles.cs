namespace GaiaX.Oid4vc.Compliance.Ontologies;

/// <summary>The files of a version that has its own: shapes and ontology (Turtle) and JSON-LD context.</summary>
public sealed record OntologyVersionFiles(string ShapesFile, string? OntologyFile, string ContextFile);
