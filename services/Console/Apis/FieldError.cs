namespace GaiaX.Oid4vc.WebConsole.Apis;

/// <summary>One problem of a request body as a service names it: an RFC 6901 JSON Pointer and a sentence.</summary>
public sealed record FieldError(string Pointer, string Detail)
{
    /// <summary>The pointer's reference tokens, unescaped (<c>~1</c> is <c>/</c>, <c>~0</c> is <c>~</c>).</summary>
    public IReadOnlyList<string> Tokens =>
        Pointer.Length == 0 ? [] : [.. Pointer.TrimStart('/').Split('/').Select(t => t.Replace("~1", "/").Replace("~0", "~"))];

    /// <summary>The pointer below <paramref name="prefix"/> (e.g. <c>credentials/0/format</c> below <c>/dcql_query</c>).</summary>
    public string Below(string prefix) =>
        Pointer.StartsWith(prefix, StringComparison.Ordinal) ? Pointer[prefix.Length..].TrimStart('/') : Pointer.TrimStart('/');
}
