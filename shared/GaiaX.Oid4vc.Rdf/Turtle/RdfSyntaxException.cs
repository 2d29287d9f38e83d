namespace GaiaX.Oid4vc.Rdf;

/// <summary>A syntax error in RDF text, with the 1-based line and column where it was found.</summary>
public sealed class RdfSyntaxException : FormatException
{
    public RdfSyntaxException() { }

    public RdfSyntaxException(string message)
        : base(message) { }

    public RdfSyntaxException(string message, Exception innerException)
        : base(message, innerException) { }

    public RdfSyntaxException(string reason, int line, int column)
        : base($"{reason} (line {line}, column {column})")
    {
        Reason = reason;
        Line = line;
        Column = column;
    }

    /// <summary>What is wrong, without the position.</summary>
    public string Reason { get; } = "";

    public int Line { get; }

    public int Column { get; }
}
