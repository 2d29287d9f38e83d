using System.Text.Json;
using GaiaX.Oid4vc.ServiceDefaults;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Issuer.Metadata;

/// <summary>The configured credential configurations, looked up by id and by scope.</summary>
public sealed class CredentialConfigurationCatalog(IOptions<IssuerOptions> options)
{
    public IReadOnlyDictionary<string, CredentialConfigurationOptions> All => options.Value.CredentialConfigurations;

    public CredentialConfigurationOptions? Find(string? id) =>
        id is not null && options.Value.CredentialConfigurations.TryGetValue(id, out var configuration) ? configuration : null;

    /// <summary>The configuration ids a <c>scope</c> value names; unknown scope values are ignored (OpenID4VCI 5.1.2).</summary>
    public IReadOnlyList<string> IdsForScope(string? scope)
    {
        if (string.IsNullOrWhiteSpace(scope))
        {
            return [];
        }
        var values = scope.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return options
            .Value.CredentialConfigurations.Where(pair => pair.Value.Scope is { } s && values.Contains(s, StringComparer.Ordinal))
            .Select(pair => pair.Key)
            .ToArray();
    }

    /// <summary>Whether credentials of this configuration are bound to a key the wallet proves possession of.</summary>
    public static bool RequiresProof(CredentialConfigurationOptions configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration.Preparation == CredentialPreparation.IssuerSigned;
    }

    /// <summary>
    /// Checks offer claims against a configuration: an object, every mandatory claim present, no
    /// claim the configuration does not describe, values of the declared JSON type.
    /// </summary>
    public static IReadOnlyList<ValidationError> CheckClaims(
        string configurationId,
        CredentialConfigurationOptions configuration,
        JsonElement claims
    )
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var problems = new List<ValidationError>();
        if (claims.ValueKind != JsonValueKind.Object)
        {
            problems.Add(ValidationError.At("must be a JSON object", "claims", configurationId));
            return problems;
        }
        foreach (var definition in configuration.Claims)
        {
            var value = Resolve(claims, definition.Path);
            if (value is null)
            {
                if (definition.Mandatory)
                {
                    problems.Add(
                        ValidationError.At($"is mandatory for '{configurationId}'", ["claims", configurationId, .. definition.Path])
                    );
                }
                continue;
            }
            if (definition.ValueType is { } expected && !HasType(value.Value, expected))
            {
                problems.Add(ValidationError.At($"must be a {expected}", ["claims", configurationId, .. definition.Path]));
            }
        }
        CheckUndeclared(claims, [], configurationId, configuration, problems);
        return problems;
    }

    private static void CheckUndeclared(
        JsonElement element,
        List<string> prefix,
        string configurationId,
        CredentialConfigurationOptions configuration,
        List<ValidationError> problems
    )
    {
        foreach (var property in element.EnumerateObject())
        {
            var path = new List<string>(prefix) { property.Name };
            var declared = configuration.Claims.Any(c => c.Path.Count == path.Count && c.Path.SequenceEqual(path, StringComparer.Ordinal));
            var parentOfDeclared = configuration.Claims.Any(c =>
                c.Path.Count > path.Count && c.Path.Take(path.Count).SequenceEqual(path, StringComparer.Ordinal)
            );
            if (declared)
            {
                continue;
            }
            if (parentOfDeclared && property.Value.ValueKind == JsonValueKind.Object)
            {
                CheckUndeclared(property.Value, path, configurationId, configuration, problems);
                continue;
            }
            problems.Add(ValidationError.At($"is not defined by '{configurationId}'", ["claims", configurationId, .. path]));
        }
    }

    private static JsonElement? Resolve(JsonElement root, List<string> path)
    {
        var current = root;
        foreach (var segment in path)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(segment, out current))
            {
                return null;
            }
        }
        return current.ValueKind == JsonValueKind.Null ? null : current;
    }

    private static bool HasType(JsonElement value, string expected) =>
        expected switch
        {
            "string" => value.ValueKind == JsonValueKind.String,
            "number" => value.ValueKind == JsonValueKind.Number,
            "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
            "object" => value.ValueKind == JsonValueKind.Object,
            "array" => value.ValueKind == JsonValueKind.Array,
            _ => true,
        };
}
