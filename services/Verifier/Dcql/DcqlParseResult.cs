namespace GaiaX.Oid4vc.Verifier.Dcql;

/// <summary>The outcome of reading a DCQL query: the query, or every problem found in it.</summary>
public sealed record DcqlParseResult(DcqlQuery? Query, IReadOnlyList<string> Errors)
{
    public bool IsValid => Query is not null && Errors.Count == 0;
}
