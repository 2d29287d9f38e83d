namespace GaiaX.Oid4vc.Rdf;

/// <summary>The three kinds of RDF term.</summary>
public enum TermKind : byte
{
    Iri,
    BlankNode,
    Literal,
}
