using System.Text;
using System.Text.Json;

namespace GaiaX.Oid4vc.Verifier.Dcql;

/// <summary>
/// A claims path pointer (OpenID4VP 1.0 §7) and its processing rules for JSON-based credentials.
/// </summary>
public sealed class ClaimsPathPointer : IEquatable<ClaimsPathPointer>
{
    public ClaimsPathPointer(IReadOnlyList<PathComponent> components)
    {
        ArgumentNullException.ThrowIfNull(components);
        if (components.Count == 0)
        {
            throw new ArgumentException("A claims path pointer is a non-empty array.", nameof(components));
        }
        Components = components;
    }

    public IReadOnlyList<PathComponent> Components { get; }

    /// <summary>
    /// Applies the pointer to <paramref name="root"/> following §7.1.1. Returns false when processing
    /// aborts with an error (a key applied to a non-object, an index or null to a non-array) or when
    /// nothing is selected.
    /// </summary>
    public bool TrySelect(JsonElement root, out IReadOnlyList<JsonElement> selected)
    {
        var current = new List<JsonElement> { root };
        foreach (var component in Components)
        {
            var next = new List<JsonElement>();
            foreach (var element in current)
            {
                if (component.Key is { } key)
                {
                    if (element.ValueKind != JsonValueKind.Object)
                    {
                        selected = [];
                        return false;
                    }
                    if (element.TryGetProperty(key, out var value))
                    {
                        next.Add(value);
                    }
                }
                else
                {
                    if (element.ValueKind != JsonValueKind.Array)
                    {
                        selected = [];
                        return false;
                    }
                    if (component.Index is { } index)
                    {
                        if (index < element.GetArrayLength())
                        {
                            next.Add(element[index]);
                        }
                    }
                    else
                    {
                        next.AddRange(element.EnumerateArray());
                    }
                }
            }
            current = next;
        }
        selected = current;
        return current.Count > 0;
    }

    public bool Equals(ClaimsPathPointer? other) => other is not null && Components.SequenceEqual(other.Components);

    public override bool Equals(object? obj) => Equals(obj as ClaimsPathPointer);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var component in Components)
        {
            hash.Add(component);
        }
        return hash.ToHashCode();
    }

    /// <summary>
    /// The path for people and error descriptions (<c>credentialSubject.address[0]</c>, <c>[*]</c> for
    /// all elements): no JSON quoting, which RFC 6749 error descriptions may not carry.
    /// </summary>
    public string Display
    {
        get
        {
            var text = new StringBuilder();
            foreach (var component in Components)
            {
                if (component.Key is { } key)
                {
                    text.Append(text.Length > 0 ? "." : "").Append(key);
                }
                else
                {
                    text.Append('[')
                        .Append(component.Index?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "*")
                        .Append(']');
                }
            }
            return text.ToString();
        }
    }

    public override string ToString()
    {
        var text = new StringBuilder("[");
        text.AppendJoin(",", Components.Select(c => c.ToString()));
        return text.Append(']').ToString();
    }
}
