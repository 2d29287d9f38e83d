namespace GaiaX.Oid4vc.Rdf;

/// <summary>An RDF triple.</summary>
public readonly record struct Triple(Term Subject, Term Predicate, Term Object)
{
    public override string ToString() => $"{Subject} {Predicate} {Object} .";
}
