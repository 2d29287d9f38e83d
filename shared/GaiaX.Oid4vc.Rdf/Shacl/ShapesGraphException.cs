namespace GaiaX.Oid4vc.Rdf.Shacl;

/// <summary>The shapes graph is not well-formed (SHACL section 1.5 / 3).</summary>
public sealed class ShapesGraphException : Exception
{
    public ShapesGraphException() { }

    public ShapesGraphException(string message)
        : base(message) { }

    public ShapesGraphException(string message, Exception innerException)
        : base(message, innerException) { }
}
