namespace GaiaX.Oid4vc.Issuer.Protocol;

/// <summary>
/// The parameters of a form-encoded body or a query string, as the protocol rules read them: one
/// value per name, and beside it the names sent more than once with all their values. RFC 6749
/// section 3.2 forbids repeating most parameters, so the validators must see repeats; everything
/// else reads one value, the repeated values joined by commas as ASP.NET Core presents them.
/// </summary>
public sealed class RequestParameters(
    IReadOnlyDictionary<string, string> values,
    IReadOnlyDictionary<string, IReadOnlyList<string>> repeated
)
{
    /// <summary>Every parameter sent, by name: its value (repeated values joined by commas).</summary>
    public IReadOnlyDictionary<string, string> Values { get; } = values;

    /// <summary>The parameters sent more than once, with every value in the order sent.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Repeated { get; } = repeated;

    /// <summary>The value of <paramref name="name"/>; empty when it was not sent.</summary>
    public string this[string name] => Values.TryGetValue(name, out var value) ? value : string.Empty;

    /// <summary>Whether <paramref name="name"/> was sent, even without a value.</summary>
    public bool Contains(string name) => Values.ContainsKey(name);

    public bool IsRepeated(string name) => Repeated.ContainsKey(name);

    /// <summary>Whether any value of <paramref name="name"/> is non-empty (RFC 6749 section 3.1: an empty one counts as omitted).</summary>
    public bool HasValue(string name) =>
        Repeated.TryGetValue(name, out var all) ? all.Any(value => value.Length > 0) : this[name].Length > 0;
}
