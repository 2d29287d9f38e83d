namespace GaiaX.Oid4vc.ServiceDefaults;

/// <summary>
/// One problem of a request body, as every service reports it in the <c>errors</c> member of an RFC 9457
/// problem: <paramref name="Pointer"/> is an RFC 6901 JSON Pointer to the member at fault (empty for the
/// body as a whole) and <paramref name="Detail"/> says what is wrong with it.
/// </summary>
public sealed record ValidationError(string Pointer, string Detail)
{
    /// <summary>A problem of the member that <paramref name="tokens"/> (member names or array indexes) lead to.</summary>
    public static ValidationError At(string detail, params IEnumerable<string> tokens) => new(ToPointer(tokens), detail);

    /// <summary>The JSON Pointer of <paramref name="tokens"/>, with <c>~</c> and <c>/</c> escaped as RFC 6901 section 3 requires.</summary>
    public static string ToPointer(IEnumerable<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        return string.Concat(
            tokens.Select(t => "/" + t.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal))
        );
    }
}
