namespace GaiaX.Oid4vc.Rdf.JsonLd;

/// <summary>A JSON-LD processing error; <see cref="Code"/> is the error code from JSON-LD 1.1 API §9.4.2.</summary>
public sealed class JsonLdException : Exception
{
    public JsonLdException()
    {
        Code = "";
    }

    public JsonLdException(string message)
        : base(message)
    {
        Code = "";
    }

    public JsonLdException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = "";
    }

    public JsonLdException(string code, string detail)
        : base($"{code}: {detail}")
    {
        Code = code;
    }

    /// <summary>The JSON-LD error code, e.g. <c>loading remote context failed</c> or <c>protected term redefinition</c>.</summary>
    public string Code { get; }
}
