namespace GaiaX.Oid4vc.Rdf;

/// <summary>An RDF quad; <see cref="GraphName"/> is null for the default graph.</summary>
public readonly record struct Quad(Term Subject, Term Predicate, Term Object, Term? GraphName);
