using System.Text.Json;

namespace GaiaX.Oid4vc.Wallet.Presentation;

/// <summary>Claims path pointer processing (OpenID4VP 1.0 §7.1).</summary>
public static class ClaimsPath
{
    public static IReadOnlyList<JsonElement> Select(JsonElement root, IReadOnlyList<object?> path)
    {
        IEnumerable<JsonElement> current = [root];
        foreach (var component in path)
        {
            current = component switch
            {
                string key => current
                    .Where(e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(key, out _))
                    .Select(e => e.GetProperty(key)),
                int index => current.Where(e => e.ValueKind == JsonValueKind.Array && e.GetArrayLength() > index).Select(e => e[index]),
                null => current.Where(e => e.ValueKind == JsonValueKind.Array).SelectMany(e => e.EnumerateArray()),
                _ => [],
            };
        }
        return current.ToList();
    }

    /// <summary>Whether a concrete claim location <paramref name="location"/> lies on (or under) the requested <paramref name="requested"/>
    /// path.</summary>
    public static bool Covers(IReadOnlyList<object?> requested, IReadOnlyList<object> location)
    {
        var shared = Math.Min(requested.Count, location.Count);
        for (var i = 0; i < shared; i++)
        {
            var matches = requested[i] switch
            {
                null => location[i] is int,
                string key => location[i] is string s && s == key,
                int index => location[i] is int j && j == index,
                _ => false,
            };
            if (!matches)
            {
                return false;
            }
        }
        return true;
    }
}
