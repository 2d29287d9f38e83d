using System.Text.Json;

namespace GaiaX.Oid4vc.Verifier.Dcql;

/// <summary>One component of a claims path pointer: an object key, an array index, or null (all elements).</summary>
public readonly record struct PathComponent
{
    private PathComponent(string? key, int? index)
    {
        Key = key;
        Index = index;
    }

    public string? Key { get; }

    public int? Index { get; }

    public bool IsWildcard => Key is null && Index is null;

    public static PathComponent ForKey(string key) => new(key ?? throw new ArgumentNullException(nameof(key)), null);

    public static PathComponent ForIndex(int index) => index >= 0 ? new(null, index) : throw new ArgumentOutOfRangeException(nameof(index));

    public static PathComponent Wildcard { get; }

    public override string ToString() =>
        Key is not null ? JsonSerializer.Serialize(Key) : Index?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null";
}
