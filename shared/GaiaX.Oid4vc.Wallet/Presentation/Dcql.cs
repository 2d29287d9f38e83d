using System.Text.Json;

namespace GaiaX.Oid4vc.Wallet.Presentation;

/// <summary>One element of a claims path pointer (OpenID4VP 1.0 §7): a key, an array index, or null (every element).</summary>
public sealed record ClaimsQuery(string? Id, IReadOnlyList<object?> Path, IReadOnlyList<JsonElement>? Values);

/// <summary>A Credential Query (§6.1).</summary>
public sealed record CredentialQuery(
    string Id,
    string Format,
    bool Multiple,
    IReadOnlyList<IReadOnlyList<string>>? TypeValues,
    IReadOnlyList<string>? VctValues,
    IReadOnlyList<ClaimsQuery>? Claims,
    IReadOnlyList<IReadOnlyList<string>>? ClaimSets,
    bool RequireHolderBinding);

/// <summary>A Credential Set Query (§6.2).</summary>
public sealed record CredentialSetQuery(IReadOnlyList<IReadOnlyList<string>> Options, bool Required);

/// <summary>A DCQL query (§6).</summary>
public sealed record DcqlQuery(IReadOnlyList<CredentialQuery> Credentials, IReadOnlyList<CredentialSetQuery>? CredentialSets)
{
    public static DcqlQuery Parse(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("credentials", out var credentials) || credentials.ValueKind != JsonValueKind.Array || credentials.GetArrayLength() == 0)
        {
            throw Invalid("dcql_query.credentials must be a non-empty array.");
        }
        var queries = new List<CredentialQuery>();
        foreach (var item in credentials.EnumerateArray())
        {
            var id = RequiredString(item, "id");
            if (!IsIdentifier(id))
            {
                throw Invalid($"The credential query id '{id}' may hold only letters, digits, '_' and '-'.");
            }
            if (queries.Any(q => q.Id == id))
            {
                throw Invalid($"The credential query id '{id}' appears twice.");
            }
            if (!item.TryGetProperty("meta", out var meta) || meta.ValueKind != JsonValueKind.Object)
            {
                throw Invalid($"Credential query '{id}' has no meta object.");
            }
            List<ClaimsQuery>? claims = null;
            if (item.TryGetProperty("claims", out var claimsJson))
            {
                if (claimsJson.ValueKind != JsonValueKind.Array || claimsJson.GetArrayLength() == 0)
                {
                    throw Invalid($"claims of '{id}' must be a non-empty array.");
                }
                claims = [.. claimsJson.EnumerateArray().Select(ParseClaim)];
            }
            var claimSets = StringArrays(item, "claim_sets");
            if (claimSets is not null && claims is null)
            {
                throw Invalid($"claim_sets of '{id}' needs claims.");
            }
            queries.Add(new CredentialQuery(
                id,
                RequiredString(item, "format"),
                item.TryGetProperty("multiple", out var multiple) && multiple.ValueKind == JsonValueKind.True,
                StringArrays(meta, "type_values"),
                meta.TryGetProperty("vct_values", out var vct) && vct.ValueKind == JsonValueKind.Array ? [.. vct.EnumerateArray().Select(v => v.GetString() ?? string.Empty)] : null,
                claims,
                claimSets,
                !(item.TryGetProperty("require_cryptographic_holder_binding", out var binding) && binding.ValueKind == JsonValueKind.False)));
        }
        List<CredentialSetQuery>? sets = null;
        if (root.TryGetProperty("credential_sets", out var setsJson) && setsJson.ValueKind == JsonValueKind.Array)
        {
            sets = [];
            foreach (var set in setsJson.EnumerateArray())
            {
                var options = StringArrays(set, "options") ?? throw Invalid("A credential set has no options.");
                if (options.SelectMany(o => o).Any(id => queries.All(q => q.Id != id)))
                {
                    throw Invalid("A credential set names a credential query that does not exist.");
                }
                sets.Add(new CredentialSetQuery(options, !(set.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.False)));
            }
        }
        return new DcqlQuery(queries, sets);
    }

    private static ClaimsQuery ParseClaim(JsonElement claim)
    {
        if (!claim.TryGetProperty("path", out var path) || path.ValueKind != JsonValueKind.Array || path.GetArrayLength() == 0)
        {
            throw Invalid("A claims query needs a non-empty path.");
        }
        var pointer = path.EnumerateArray().Select(p => p.ValueKind switch
        {
            JsonValueKind.String => (object?)p.GetString(),
            JsonValueKind.Null => null,
            JsonValueKind.Number when p.TryGetInt32(out var index) && index >= 0 => index,
            _ => throw Invalid("A claims path element must be a string, a non-negative integer or null."),
        }).ToList();
        List<JsonElement>? values = claim.TryGetProperty("values", out var v) && v.ValueKind == JsonValueKind.Array ? [.. v.EnumerateArray().Select(e => e.Clone())] : null;
        return new ClaimsQuery(claim.TryGetProperty("id", out var id) ? id.GetString() : null, pointer, values);
    }

    private static List<IReadOnlyList<string>>? StringArrays(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value)
            ? value.ValueKind == JsonValueKind.Array
                ? [.. value.EnumerateArray().Select(inner => inner.ValueKind == JsonValueKind.Array
                    ? (IReadOnlyList<string>)[.. inner.EnumerateArray().Select(s => s.GetString() ?? throw Invalid($"{name} must hold arrays of strings."))]
                    : throw Invalid($"{name} must hold arrays of strings."))]
                : throw Invalid($"{name} must be an array.")
            : null;

    private static string RequiredString(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } s
            ? s
            : throw Invalid($"{name} is required.");

    private static bool IsIdentifier(string id) => id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    private static WalletProtocolException Invalid(string description) => new("invalid_request", description);
}

/// <summary>A held credential chosen for a credential query, with the claims paths to disclose.</summary>
public sealed record DcqlMatch(string QueryId, HeldCredential Credential, IReadOnlyList<IReadOnlyList<object?>> DisclosedPaths);

/// <summary>
/// Evaluates a DCQL query against the wallet's credentials (OpenID4VP 1.0 §6.4): format, meta
/// (<c>type_values</c>, <c>vct_values</c>), claims with <c>values</c> and <c>claim_sets</c>, then
/// <c>credential_sets</c>. Returns, per query id, the credentials to present; an unsatisfiable request
/// yields no result rather than a partial one.
/// </summary>
public static class DcqlMatcher
{
    public static IReadOnlyDictionary<string, IReadOnlyList<DcqlMatch>>? Select(DcqlQuery query, IEnumerable<HeldCredential> held)
    {
        ArgumentNullException.ThrowIfNull(query);
        var credentials = held.ToList();
        var candidates = new Dictionary<string, IReadOnlyList<DcqlMatch>>(StringComparer.Ordinal);
        foreach (var credentialQuery in query.Credentials)
        {
            var matches = credentials.Select(c => Match(credentialQuery, c)).OfType<DcqlMatch>().ToList();
            if (matches.Count > 0)
            {
                candidates[credentialQuery.Id] = credentialQuery.Multiple ? matches : [matches[0]];
            }
        }
        if (query.CredentialSets is null)
        {
            // Without credential_sets every credential query must be answered.
            return query.Credentials.All(q => candidates.ContainsKey(q.Id)) ? candidates : null;
        }
        var chosen = new Dictionary<string, IReadOnlyList<DcqlMatch>>(StringComparer.Ordinal);
        foreach (var set in query.CredentialSets)
        {
            var option = set.Options.FirstOrDefault(o => o.All(candidates.ContainsKey));
            if (option is null)
            {
                if (set.Required)
                {
                    return null;
                }
                continue;
            }
            foreach (var id in option)
            {
                chosen[id] = candidates[id];
            }
        }
        return chosen;
    }

    /// <summary>Whether <paramref name="credential"/> answers <paramref name="query"/>, and which claims it would disclose.</summary>
    public static DcqlMatch? Match(CredentialQuery query, HeldCredential credential)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(credential);
        if (!string.Equals(query.Format, credential.Format, StringComparison.Ordinal))
        {
            return null;
        }
        if (query.TypeValues is { } typeValues && !typeValues.Any(alternative => alternative.All(t => credential.Types.Contains(t, StringComparer.Ordinal))))
        {
            return null;
        }
        if (query.VctValues is { } vctValues && (credential.Vct is null || !vctValues.Contains(credential.Vct, StringComparer.Ordinal)))
        {
            return null;
        }
        if (query.Claims is null)
        {
            return new DcqlMatch(query.Id, credential, []);
        }
        var satisfied = query.Claims.Where(c => Satisfies(credential.Claims, c)).ToList();
        if (query.ClaimSets is null)
        {
            return satisfied.Count == query.Claims.Count ? new DcqlMatch(query.Id, credential, [.. query.Claims.Select(c => c.Path)]) : null;
        }
        // The verifier's first satisfiable combination is the one it prefers (§6.4.1).
        foreach (var set in query.ClaimSets)
        {
            var claims = set.Select(id => satisfied.FirstOrDefault(c => c.Id == id)).ToList();
            if (claims.All(c => c is not null))
            {
                return new DcqlMatch(query.Id, credential, [.. claims.Select(c => c!.Path)]);
            }
        }
        return null;
    }

    private static bool Satisfies(JsonElement root, ClaimsQuery claim)
    {
        var selected = ClaimsPath.Select(root, claim.Path);
        if (selected.Count == 0)
        {
            return false;
        }
        return claim.Values is null || selected.Any(value => claim.Values.Any(expected => ValueEquals(value, expected)));
    }

    private static bool ValueEquals(JsonElement claim, JsonElement expected) => (claim.ValueKind, expected.ValueKind) switch
    {
        (JsonValueKind.String, JsonValueKind.String) => claim.GetString() == expected.GetString(),
        (JsonValueKind.Number, JsonValueKind.Number) => claim.GetRawText() == expected.GetRawText() || (claim.TryGetDecimal(out var a) && expected.TryGetDecimal(out var b) && a == b),
        (JsonValueKind.True, JsonValueKind.True) or (JsonValueKind.False, JsonValueKind.False) => true,
        _ => false,
    };
}

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
                string key => current.Where(e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(key, out _)).Select(e => e.GetProperty(key)),
                int index => current.Where(e => e.ValueKind == JsonValueKind.Array && e.GetArrayLength() > index).Select(e => e[index]),
                null => current.Where(e => e.ValueKind == JsonValueKind.Array).SelectMany(e => e.EnumerateArray()),
                _ => [],
            };
        }
        return current.ToList();
    }

    /// <summary>Whether a concrete claim location <paramref name="location"/> lies on (or under) the requested <paramref name="requested"/> path.</summary>
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
