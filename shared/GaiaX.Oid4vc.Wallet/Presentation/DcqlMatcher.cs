using System.Text.Json;

namespace GaiaX.Oid4vc.Wallet.Presentation;

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
        if (
            query.TypeValues is { } typeValues
            && !typeValues.Any(alternative => alternative.All(t => credential.Types.Contains(t, StringComparer.Ordinal)))
        )
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
            return satisfied.Count == query.Claims.Count
                ? new DcqlMatch(query.Id, credential, [.. query.Claims.Select(c => c.Path)])
                : null;
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

    private static bool ValueEquals(JsonElement claim, JsonElement expected) =>
        (claim.ValueKind, expected.ValueKind) switch
        {
            (JsonValueKind.String, JsonValueKind.String) => claim.GetString() == expected.GetString(),
            (JsonValueKind.Number, JsonValueKind.Number) => claim.GetRawText() == expected.GetRawText()
                || (claim.TryGetDecimal(out var a) && expected.TryGetDecimal(out var b) && a == b),
            (JsonValueKind.True, JsonValueKind.True) or (JsonValueKind.False, JsonValueKind.False) => true,
            _ => false,
        };
}
