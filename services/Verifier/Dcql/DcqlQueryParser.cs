using System.Text.Json;
using GaiaX.Oid4vc.Credentials;

namespace GaiaX.Oid4vc.Verifier.Dcql;

/// <summary>
/// Reads and validates a DCQL query submitted by a relying party (OpenID4VP 1.0 §6). Every problem
/// is reported with its location (e.g. <c>credentials[0].claims[1].path[2]</c>) so the party can fix
/// the query without guessing. Unknown properties are ignored, as §6 requires.
/// </summary>
public sealed class DcqlQueryParser
{
    /// <summary>Credential Format Identifiers this verifier can verify.</summary>
    public static IReadOnlyList<string> SupportedFormats { get; } = [CredentialFormats.JwtVcJson, CredentialFormats.SdJwtVc];

    private const int MaxCredentialQueries = 32;
    private const int MaxClaimsPerQuery = 128;
    private const int MaxPathLength = 32;

    public DcqlParseResult Parse(JsonElement json)
    {
        var errors = new List<string>();
        if (json.ValueKind != JsonValueKind.Object)
        {
            return new DcqlParseResult(null, ["dcql_query: must be a JSON object"]);
        }

        var credentials = new List<CredentialQuery>();
        if (!json.TryGetProperty("credentials", out var credentialsJson))
        {
            errors.Add("credentials: is required");
        }
        else if (credentialsJson.ValueKind != JsonValueKind.Array || credentialsJson.GetArrayLength() == 0)
        {
            errors.Add("credentials: must be a non-empty array");
        }
        else if (credentialsJson.GetArrayLength() > MaxCredentialQueries)
        {
            errors.Add($"credentials: at most {MaxCredentialQueries} credential queries are accepted");
        }
        else
        {
            var index = 0;
            foreach (var item in credentialsJson.EnumerateArray())
            {
                var query = ParseCredentialQuery(item, $"credentials[{index}]", errors);
                if (query is not null)
                {
                    if (credentials.Any(c => c.Id == query.Id))
                    {
                        errors.Add($"credentials[{index}].id: '{query.Id}' is used by another credential query");
                    }
                    credentials.Add(query);
                }
                index++;
            }
        }

        IReadOnlyList<CredentialSetQuery>? sets = null;
        if (json.TryGetProperty("credential_sets", out var setsJson))
        {
            sets = ParseCredentialSets(setsJson, credentials, errors);
        }

        return errors.Count == 0
            ? new DcqlParseResult(new DcqlQuery { Credentials = credentials, CredentialSets = sets }, [])
            : new DcqlParseResult(null, errors);
    }

    private static CredentialQuery? ParseCredentialQuery(JsonElement json, string at, List<string> errors)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{at}: must be an object");
            return null;
        }
        var before = errors.Count;

        var id = RequiredIdentifier(json, "id", at, errors);
        string? format = null;
        if (!json.TryGetProperty("format", out var formatJson) || formatJson.ValueKind != JsonValueKind.String)
        {
            errors.Add($"{at}.format: is required and must be a string");
        }
        else
        {
            format = formatJson.GetString()!;
            if (!SupportedFormats.Contains(format))
            {
                errors.Add($"{at}.format: '{format}' is not supported; supported formats: {string.Join(", ", SupportedFormats)}");
            }
        }

        var multiple = OptionalBoolean(json, "multiple", at, errors) ?? false;
        var holderBinding = OptionalBoolean(json, "require_cryptographic_holder_binding", at, errors) ?? true;
        var meta = ParseMeta(json, format, at, errors);

        IReadOnlyList<TrustedAuthoritiesQuery>? authorities = null;
        if (json.TryGetProperty("trusted_authorities", out var authoritiesJson))
        {
            authorities = ParseTrustedAuthorities(authoritiesJson, $"{at}.trusted_authorities", errors);
        }

        IReadOnlyList<ClaimsQuery>? claims = null;
        if (json.TryGetProperty("claims", out var claimsJson))
        {
            claims = ParseClaims(claimsJson, $"{at}.claims", errors);
        }

        IReadOnlyList<IReadOnlyList<string>>? claimSets = null;
        if (json.TryGetProperty("claim_sets", out var claimSetsJson))
        {
            if (!json.TryGetProperty("claims", out _))
            {
                errors.Add($"{at}.claim_sets: must not be present without claims");
            }
            else
            {
                claimSets = ParseClaimSets(claimSetsJson, claims, $"{at}.claim_sets", errors);
                if (claims is not null)
                {
                    for (var i = 0; i < claims.Count; i++)
                    {
                        if (claims[i].Id is null)
                        {
                            errors.Add($"{at}.claims[{i}].id: is required when claim_sets is present");
                        }
                    }
                }
            }
        }

        if (errors.Count > before || id is null || format is null || meta is null)
        {
            return null;
        }
        return new CredentialQuery
        {
            Id = id,
            Format = format,
            Multiple = multiple,
            Meta = meta,
            TrustedAuthorities = authorities,
            RequireCryptographicHolderBinding = holderBinding,
            Claims = claims,
            ClaimSets = claimSets,
        };
    }

    private static CredentialQueryMeta? ParseMeta(JsonElement json, string? format, string at, List<string> errors)
    {
        if (!json.TryGetProperty("meta", out var meta) || meta.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{at}.meta: is required and must be an object");
            return null;
        }
        IReadOnlyList<string>? vct = null;
        IReadOnlyList<IReadOnlyList<string>>? types = null;
        if (meta.TryGetProperty("vct_values", out var vctJson))
        {
            vct = NonEmptyStringArray(vctJson, $"{at}.meta.vct_values", errors);
        }
        if (meta.TryGetProperty("type_values", out var typesJson))
        {
            if (typesJson.ValueKind != JsonValueKind.Array || typesJson.GetArrayLength() == 0)
            {
                errors.Add($"{at}.meta.type_values: must be a non-empty array of non-empty string arrays");
            }
            else
            {
                var list = new List<IReadOnlyList<string>>();
                var i = 0;
                foreach (var alternative in typesJson.EnumerateArray())
                {
                    var values = NonEmptyStringArray(alternative, $"{at}.meta.type_values[{i++}]", errors);
                    if (values is not null)
                    {
                        list.Add(values);
                    }
                }
                types = list;
            }
        }
        // §B.3.5 and §B.1.1: vct_values is REQUIRED for dc+sd-jwt, type_values for W3C formats.
        if (format == CredentialFormats.SdJwtVc && !meta.TryGetProperty("vct_values", out _))
        {
            errors.Add($"{at}.meta.vct_values: is required for format dc+sd-jwt");
        }
        if (format == CredentialFormats.JwtVcJson && !meta.TryGetProperty("type_values", out _))
        {
            errors.Add($"{at}.meta.type_values: is required for format jwt_vc_json");
        }
        return new CredentialQueryMeta { VctValues = vct, TypeValues = types };
    }

    private static List<TrustedAuthoritiesQuery>? ParseTrustedAuthorities(JsonElement json, string at, List<string> errors)
    {
        if (ObjectItems(json, at, errors) is not { } items)
        {
            return null;
        }
        var result = new List<TrustedAuthoritiesQuery>();
        foreach (var (item, here) in items)
        {
            if (!item.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
            {
                errors.Add($"{here}.type: is required and must be a string");
                continue;
            }
            if (!item.TryGetProperty("values", out var valuesJson))
            {
                errors.Add($"{here}.values: is required");
                continue;
            }
            var values = NonEmptyStringArray(valuesJson, $"{here}.values", errors);
            var typeName = type.GetString()!;
            if (!TrustedAuthorityTypes.Supported.Contains(typeName))
            {
                // The verifier would not be able to honour the constraint, so it must not accept it silently.
                errors.Add(
                    $"{here}.type: '{typeName}' is not supported; supported types: {string.Join(", ", TrustedAuthorityTypes.Supported)}"
                );
                continue;
            }
            if (values is not null)
            {
                result.Add(new TrustedAuthoritiesQuery(typeName, values));
            }
        }
        return result;
    }

    private static List<ClaimsQuery>? ParseClaims(JsonElement json, string at, List<string> errors)
    {
        if (json.ValueKind == JsonValueKind.Array && json.GetArrayLength() > MaxClaimsPerQuery)
        {
            errors.Add($"{at}: at most {MaxClaimsPerQuery} claims queries are accepted");
            return null;
        }
        if (ObjectItems(json, at, errors) is not { } items)
        {
            return null;
        }
        var result = new List<ClaimsQuery>();
        foreach (var (item, here) in items)
        {
            string? id = null;
            if (item.TryGetProperty("id", out _))
            {
                id = RequiredIdentifier(item, "id", here, errors);
                if (id is not null && result.Any(c => c.Id == id))
                {
                    errors.Add($"{here}.id: '{id}' is used by another claims query of this credential query");
                }
            }
            var path = ParsePath(item, here, errors);
            IReadOnlyList<JsonElement>? values = null;
            if (item.TryGetProperty("values", out var valuesJson))
            {
                values = ParseValues(valuesJson, $"{here}.values", errors);
            }
            if (path is null)
            {
                continue;
            }
            if (result.Any(c => c.Path.Equals(path)))
            {
                errors.Add($"{here}.path: {path} is requested more than once in this credential query");
            }
            result.Add(
                new ClaimsQuery
                {
                    Id = id,
                    Path = path,
                    Values = values,
                }
            );
        }
        return result;
    }

    private static ClaimsPathPointer? ParsePath(JsonElement item, string at, List<string> errors)
    {
        if (!item.TryGetProperty("path", out var pathJson) || pathJson.ValueKind != JsonValueKind.Array || pathJson.GetArrayLength() == 0)
        {
            errors.Add($"{at}.path: is required and must be a non-empty array");
            return null;
        }
        if (pathJson.GetArrayLength() > MaxPathLength)
        {
            errors.Add($"{at}.path: at most {MaxPathLength} components are accepted");
            return null;
        }
        var components = new List<PathComponent>();
        var j = 0;
        var valid = true;
        foreach (var component in pathJson.EnumerateArray())
        {
            switch (component.ValueKind)
            {
                case JsonValueKind.String:
                    components.Add(PathComponent.ForKey(component.GetString()!));
                    break;
                case JsonValueKind.Null:
                    components.Add(PathComponent.Wildcard);
                    break;
                case JsonValueKind.Number when component.TryGetInt32(out var index) && index >= 0:
                    components.Add(PathComponent.ForIndex(index));
                    break;
                default:
                    errors.Add($"{at}.path[{j}]: must be a string, a non-negative integer or null");
                    valid = false;
                    break;
            }
            j++;
        }
        return valid ? new ClaimsPathPointer(components) : null;
    }

    private static List<JsonElement>? ParseValues(JsonElement json, string at, List<string> errors)
    {
        if (json.ValueKind != JsonValueKind.Array || json.GetArrayLength() == 0)
        {
            errors.Add($"{at}: must be a non-empty array");
            return null;
        }
        var values = new List<JsonElement>();
        var i = 0;
        foreach (var value in json.EnumerateArray())
        {
            var ok = value.ValueKind switch
            {
                JsonValueKind.String or JsonValueKind.True or JsonValueKind.False => true,
                JsonValueKind.Number => value.TryGetInt64(out _),
                _ => false,
            };
            if (!ok)
            {
                errors.Add($"{at}[{i}]: must be a string, an integer or a boolean");
            }
            else
            {
                values.Add(value.Clone());
            }
            i++;
        }
        return values;
    }

    private static List<IReadOnlyList<string>>? ParseClaimSets(
        JsonElement json,
        IReadOnlyList<ClaimsQuery>? claims,
        string at,
        List<string> errors
    )
    {
        if (json.ValueKind != JsonValueKind.Array || json.GetArrayLength() == 0)
        {
            errors.Add($"{at}: must be a non-empty array of non-empty arrays of claim ids");
            return null;
        }
        var result = new List<IReadOnlyList<string>>();
        var i = 0;
        foreach (var option in json.EnumerateArray())
        {
            var here = $"{at}[{i++}]";
            var ids = NonEmptyStringArray(option, here, errors);
            if (ids is null)
            {
                continue;
            }
            foreach (var id in ids.Where(id => claims is not null && claims.All(c => c.Id != id)))
            {
                errors.Add($"{here}: '{id}' is not the id of a claims query of this credential query");
            }
            result.Add(ids);
        }
        return result;
    }

    private static List<CredentialSetQuery>? ParseCredentialSets(JsonElement json, List<CredentialQuery> credentials, List<string> errors)
    {
        const string at = "credential_sets";
        if (ObjectItems(json, at, errors) is not { } items)
        {
            return null;
        }
        var result = new List<CredentialSetQuery>();
        foreach (var (item, here) in items)
        {
            var required = OptionalBoolean(item, "required", here, errors) ?? true;
            if (
                !item.TryGetProperty("options", out var optionsJson)
                || optionsJson.ValueKind != JsonValueKind.Array
                || optionsJson.GetArrayLength() == 0
            )
            {
                errors.Add($"{here}.options: is required and must be a non-empty array of non-empty arrays of credential query ids");
                continue;
            }
            var options = new List<IReadOnlyList<string>>();
            var j = 0;
            foreach (var option in optionsJson.EnumerateArray())
            {
                var optionAt = $"{here}.options[{j++}]";
                var ids = NonEmptyStringArray(option, optionAt, errors);
                if (ids is null)
                {
                    continue;
                }
                foreach (var id in ids.Where(id => credentials.All(c => c.Id != id)))
                {
                    errors.Add($"{optionAt}: '{id}' is not the id of a credential query");
                }
                options.Add(ids);
            }
            result.Add(new CredentialSetQuery { Options = options, Required = required });
        }
        return result;
    }

    /// <summary>
    /// The objects of a non-empty JSON array, each with its error path (<c>at[i]</c>). A value that is
    /// not a non-empty array is recorded and answers null; an item that is not an object is recorded
    /// (as the enumeration reaches it, so errors keep the document's order) and skipped, so every
    /// fault of a query is reported at once.
    /// </summary>
    private static IEnumerable<(JsonElement Item, string At)>? ObjectItems(JsonElement json, string at, List<string> errors)
    {
        if (json.ValueKind != JsonValueKind.Array || json.GetArrayLength() == 0)
        {
            errors.Add($"{at}: must be a non-empty array");
            return null;
        }
        return Objects();

        IEnumerable<(JsonElement, string)> Objects()
        {
            var i = 0;
            foreach (var item in json.EnumerateArray())
            {
                var here = $"{at}[{i++}]";
                if (item.ValueKind != JsonValueKind.Object)
                {
                    errors.Add($"{here}: must be an object");
                    continue;
                }
                yield return (item, here);
            }
        }
    }

    private static string? RequiredIdentifier(JsonElement json, string name, string at, List<string> errors)
    {
        if (!json.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String)
        {
            errors.Add($"{at}.{name}: is required and must be a string");
            return null;
        }
        var text = value.GetString()!;
        if (!IsIdentifier(text))
        {
            errors.Add($"{at}.{name}: must be a non-empty string of letters, digits, '_' or '-'");
            return null;
        }
        return text;
    }

    /// <summary>DCQL ids: non-empty, alphanumeric, underscore or hyphen (§6.1, §6.3).</summary>
    public static bool IsIdentifier(string text) =>
        text.Length is > 0 and <= 128 && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    private static bool? OptionalBoolean(JsonElement json, string name, string at, List<string> errors)
    {
        if (!json.TryGetProperty(name, out var value))
        {
            return null;
        }
        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            errors.Add($"{at}.{name}: must be a boolean");
            return null;
        }
        return value.GetBoolean();
    }

    private static List<string>? NonEmptyStringArray(JsonElement json, string at, List<string> errors)
    {
        if (
            json.ValueKind != JsonValueKind.Array
            || json.GetArrayLength() == 0
            || json.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String)
        )
        {
            errors.Add($"{at}: must be a non-empty array of strings");
            return null;
        }
        return json.EnumerateArray().Select(v => v.GetString()!).ToList();
    }
}
