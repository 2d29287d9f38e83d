using System.Text.Json.Nodes;

namespace GaiaX.Oid4vc.WebConsole.Issuance;

/// <summary>
/// Reads the credential configurations from the Issuer's public metadata (<c>/.well-known/openid-credential-issuer</c>):
/// their names, formats and claims (OpenID4VCI 1.0 appendix B.2), from which the offer form is generated.
/// </summary>
public static class IssuerMetadataReader
{
    public const string Path = "/.well-known/openid-credential-issuer";

    public static IReadOnlyList<CredentialConfigurationView> Configurations(JsonObject? metadata)
    {
        if (metadata?["credential_configurations_supported"] is not JsonObject supported)
        {
            return [];
        }
        var views = new List<CredentialConfigurationView>();
        foreach (var (id, node) in supported)
        {
            if (node is not JsonObject configuration)
            {
                continue;
            }
            var format = configuration["format"]?.ToString() ?? "";
            var details = configuration["credential_metadata"] as JsonObject;
            var claims = new List<ClaimField>();
            foreach (var claim in (details?["claims"] as JsonArray ?? []).OfType<JsonObject>())
            {
                if (claim["path"] is not JsonArray path || path.Any(p => p is not JsonValue v || !v.TryGetValue<string>(out _)))
                {
                    // Array indexes and wildcards select values in a credential; an offer names claims by key only.
                    continue;
                }
                var keys = path.Select(p => p!.GetValue<string>()).ToList();
                if (format == "jwt_vc_json" && keys.Count > 1 && keys[0] == "credentialSubject")
                {
                    keys.RemoveAt(0);
                }
                claims.Add(
                    new ClaimField(claims.Count, keys, DisplayName(claim) ?? keys[^1], claim["mandatory"]?.GetValue<bool>() == true)
                );
            }
            views.Add(new CredentialConfigurationView(id, DisplayName(details) ?? id, format, claims));
        }
        return views;
    }

    /// <summary>The first display name (English when there is one).</summary>
    private static string? DisplayName(JsonObject? node)
    {
        var displays = (node?["display"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var chosen = displays.FirstOrDefault(d => d["locale"]?.ToString()?.StartsWith("en", StringComparison.Ordinal) == true)
            ?? displays.FirstOrDefault();
        return chosen?["name"]?.ToString();
    }
}
