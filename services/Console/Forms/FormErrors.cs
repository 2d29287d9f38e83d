namespace GaiaX.Oid4vc.WebConsole.Forms;

/// <summary>
/// The messages a form shows, each at its field (by the field's key), and those that belong to no field. Pages map the
/// services' <c>errors</c> (JSON Pointers) to their fields, so a message appears where the mistake is.
/// </summary>
public sealed class FormErrors
{
    private readonly Dictionary<string, List<string>> _byField = new(StringComparer.Ordinal);
    private readonly List<string> _general = [];

    public bool Any => _general.Count > 0 || _byField.Count > 0;

    public IReadOnlyList<string> General => _general;

    public void Add(string? field, string message)
    {
        if (field is null)
        {
            _general.Add(message);
            return;
        }
        if (!_byField.TryGetValue(field, out var messages))
        {
            _byField[field] = messages = [];
        }
        messages.Add(message);
    }

    public bool Has(string field) => _byField.ContainsKey(field);

    public IReadOnlyList<string> For(string field) => _byField.TryGetValue(field, out var messages) ? messages : [];

    /// <summary>The id of the element listing <paramref name="field"/>'s messages (for <c>aria-describedby</c>).</summary>
    public static string IdFor(string field) => "error-" + field.Replace('.', '-');
}
