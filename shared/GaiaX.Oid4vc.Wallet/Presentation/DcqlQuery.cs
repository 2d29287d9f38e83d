using System.Text.Json;
using GaiaX.Oid4vc.Credentials.Protocol;

namespace GaiaX.Oid4vc.Wallet.Presentation;

/// <summary>A DCQL query (§6).</summary>
public sealed record DcqlQuery(IReadOnlyList<CredentialQuery> Credentials, IReadOnlyList<CredentialSetQuery>? CredentialSets)
{
    public static DcqlQuery Parse(JsonElement root)
    {
        if (
            root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("credentials", out var credentials)
            || credentials.ValueKind != JsonValueKind.Array
            || credentials.GetArrayLength() == 0
        )
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
            queries.Add(
                new CredentialQuery(
                    id,
                    RequiredString(item, "format"),
                    item.TryGetProperty("multiple", out var multiple) && multiple.ValueKind == JsonValueKind.True,
                    StringArrays(meta, "type_values"),
                    meta.TryGetProperty("vct_values", out var vct) && vct.ValueKind == JsonValueKind.Array
                        ? [.. vct.EnumerateArray().Select(v => v.GetString() ?? string.Empty)]
                        : null,
                    claims,
                    claimSets,
                    !(
                        item.TryGetProperty("require_cryptographic_holder_binding", out var binding)
                        && binding.ValueKind == JsonValueKind.False
                    )
                )
            );
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
                sets.Add(
                    new CredentialSetQuery(
                        options,
                        !(set.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.False)
                    )
                );
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
        var pointer = path.EnumerateArray()
            .Select(p =>
                p.ValueKind switch
                {
                    JsonValueKind.String => (object?)p.GetString(),
                    JsonValueKind.Null => null,
                    JsonValueKind.Number when p.TryGetInt32(out var index) && index >= 0 => index,
                    _ => throw Invalid("A claims path element must be a string, a non-negative integer or null."),
                }
            )
            .ToList();
        List<JsonElement>? values =
            claim.TryGetProperty("values", out var v) && v.ValueKind == JsonValueKind.Array
                ? [.. v.EnumerateArray().Select(e => e.Clone())]
                : null;
        return new ClaimsQuery(claim.TryGetProperty("id", out var id) ? id.GetString() : null, pointer, values);
    }

    private static List<IReadOnlyList<string>>? StringArrays(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value)
            ? value.ValueKind == JsonValueKind.Array
                ?
                [
                    .. value
                        .EnumerateArray()
                        .Select(inner =>
                            inner.ValueKind == JsonValueKind.Array
                                ? (IReadOnlyList<string>)
                                    [
                                        .. inner
                                            .EnumerateArray()
                                            .Select(s => s.GetString() ?? throw Invalid($"{name} must hold arrays of strings.")),
                                    ]
                                : throw Invalid($"{name} must hold arrays of strings.")
                        ),
                ]
                : throw Invalid($"{name} must be an array.")
            : null;

    private static string RequiredString(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object
        && element.TryGetProperty(name, out var value)
        && value.ValueKind == JsonValueKind.String
        && value.GetString() is { Length: > 0 } s
            ? s
            : throw Invalid($"{name} is required.");

    private static bool IsIdentifier(string id) => id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    private static WalletProtocolException Invalid(string description) => new(ErrorCodes.InvalidRequest, description);
}
