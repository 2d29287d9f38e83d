using System.Text.Json;

namespace GaiaX.Oid4vc.Issuer.Protocol;

/// <summary>How the credential and deferred credential request validators read their string members.</summary>
public static class JsonMembers
{
    /// <summary>
    /// The member <paramref name="name"/> of <paramref name="element"/> when it is a non-empty string;
    /// null when absent. <paramref name="malformed"/> is true when the member is there in any other form.
    /// </summary>
    public static string? NonEmptyString(JsonElement element, string name, out bool malformed)
    {
        malformed = false;
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(value.GetString()))
        {
            malformed = true;
            return null;
        }
        return value.GetString();
    }
}
