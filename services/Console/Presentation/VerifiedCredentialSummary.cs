using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace GaiaX.Oid4vc.WebConsole.Presentation;

/// <summary>
/// A credential the Verifier verified, as the console shows it: what it is, its claims, how it is bound to the presenter
/// (holder binding) and why its issuer is trusted (the trust chain, and the Registry's roles for the issuer).
/// </summary>
public sealed record VerifiedCredentialSummary(
    string QueryId,
    string Format,
    string? Issuer,
    string Kind,
    IReadOnlyList<ClaimLine> Claims,
    string HolderBinding,
    IReadOnlyList<string> RegistryRoles
)
{
    /// <summary>Members of an SD-JWT VC that are about the credential, not claims about its subject.</summary>
    private static readonly HashSet<string> Registered = new(StringComparer.Ordinal)
    {
        "iss",
        "iat",
        "nbf",
        "exp",
        "vct",
        "vct#integrity",
        "cnf",
        "status",
        "_sd_alg",
        "_sd",
        "sub",
        "jti",
    };

    public static VerifiedCredentialSummary From(string queryId, JsonObject credential, IReadOnlyDictionary<string, List<string>> roles)
    {
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentNullException.ThrowIfNull(roles);
        var format = credential["format"]?.ToString() ?? "";
        var issuer = credential["issuer"]?.ToString();
        var payload = credential["claims"] as JsonObject ?? [];
        var types = (credential["types"] as JsonArray)
            ?.Select(t => t?.ToString())
            .Where(t => t is not null && t != "VerifiableCredential" && !t.EndsWith("#VerifiableCredential", StringComparison.Ordinal));
        var kind = credential["vct"]?.ToString() ?? (types is null ? format : string.Join(", ", types));
        var claims = new List<ClaimLine>();
        if (format == "jwt_vc_json")
        {
            Flatten(payload["credentialSubject"], "", claims);
        }
        else
        {
            foreach (var (name, value) in payload.Where(p => !Registered.Contains(p.Key)))
            {
                Flatten(value, name, claims);
            }
        }
        return new VerifiedCredentialSummary(
            queryId,
            format,
            issuer,
            kind,
            claims,
            HolderBindingOf(format, payload),
            issuer is not null && roles.TryGetValue(issuer, out var found) ? found : []
        );
    }

    private static string HolderBindingOf(string format, JsonObject payload)
    {
        // VCDM 2.0 allows an array of subjects and any JSON in cnf: read them as objects only, never assume the shape.
        if ((payload["cnf"] as JsonObject)?["jwk"] is JsonObject jwk)
        {
            var proof = format == "dc+sd-jwt" ? "a key binding JWT" : "the presentation's signature";
            return $"Bound to the key in cnf.jwk (JWK thumbprint {Thumbprint(jwk)}); the presenter proved it with {proof}.";
        }
        var subjects = payload["credentialSubject"] switch
        {
            JsonObject one => [one],
            JsonArray many => many.OfType<JsonObject>().ToArray(),
            _ => Array.Empty<JsonObject>(),
        };
        if (
            subjects
                .Select(s => s["id"])
                .OfType<JsonValue>()
                .Select(v => v.TryGetValue<string>(out var id) ? id : null)
                .FirstOrDefault(id => id is not null && id.StartsWith("did:", StringComparison.Ordinal)) is
            { } subject
        )
        {
            return $"Bound to the subject {subject}; the presentation is signed by it (or the query did not require binding).";
        }
        return "Not bound to a key: the query did not require cryptographic holder binding.";
    }

    /// <summary>The RFC 7638 thumbprint (SHA-256, base64url) of an EC, RSA or OKP public key.</summary>
    private static string Thumbprint(JsonObject jwk)
    {
        string[] members = jwk["kty"]?.ToString() switch
        {
            "EC" => ["crv", "kty", "x", "y"],
            "RSA" => ["e", "kty", "n"],
            "OKP" => ["crv", "kty", "x"],
            _ => [],
        };
        if (members.Length == 0 || members.Any(m => jwk[m] is null))
        {
            return "(not a public key the console knows)";
        }
        var canonical = "{" + string.Join(",", members.Select(m => $"\"{m}\":\"{jwk[m]}\"")) + "}";
        return Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(canonical))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    private static void Flatten(JsonNode? node, string name, List<ClaimLine> into)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (name.Length == 0 && key == "id")
                    {
                        continue;
                    }
                    Flatten(value, name.Length == 0 ? key : $"{name} › {key}", into);
                }
                break;
            case JsonArray array when array.All(a => a is JsonValue):
                into.Add(new ClaimLine(name, string.Join(", ", array.Select(a => a?.ToString()))));
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Flatten(array[i], $"{name} › {i}", into);
                }
                break;
            case null:
                into.Add(new ClaimLine(name, "null"));
                break;
            default:
                into.Add(new ClaimLine(name, node.ToString()));
                break;
        }
    }
}
