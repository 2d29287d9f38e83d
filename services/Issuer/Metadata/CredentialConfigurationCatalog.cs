using System.Text.Json;
using Microsoft.Extensions.Options;
using GaiaX.Oid4vc.Credentials;

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
        return options.Value.CredentialConfigurations
            .Where(pair => pair.Value.Scope is { } s && values.Contains(s, StringComparer.Ordinal))
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
    public static IReadOnlyList<string> CheckClaims(string configurationId, CredentialConfigurationOptions configuration, JsonElement claims)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var problems = new List<string>();
        if (claims.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"claims of '{configurationId}' must be a JSON object");
            return problems;
        }
        foreach (var definition in configuration.Claims)
        {
            var value = Resolve(claims, definition.Path);
            var path = string.Join('.', definition.Path);
            if (value is null)
            {
                if (definition.Mandatory)
                {
                    problems.Add($"claim '{path}' of '{configurationId}' is mandatory");
                }
                continue;
            }
            if (definition.ValueType is { } expected && !HasType(value.Value, expected))
            {
                problems.Add($"claim '{path}' of '{configurationId}' must be a {expected}");
            }
        }
        CheckUndeclared(claims, [], configurationId, configuration, problems);
        return problems;
    }

    private static void CheckUndeclared(JsonElement element, List<string> prefix, string configurationId, CredentialConfigurationOptions configuration, List<string> problems)
    {
        foreach (var property in element.EnumerateObject())
        {
            var path = new List<string>(prefix) { property.Name };
            var declared = configuration.Claims.Any(c => c.Path.Count == path.Count && c.Path.SequenceEqual(path, StringComparer.Ordinal));
            var parentOfDeclared = configuration.Claims.Any(c => c.Path.Count > path.Count && c.Path.Take(path.Count).SequenceEqual(path, StringComparer.Ordinal));
            if (declared)
            {
                continue;
            }
            if (parentOfDeclared && property.Value.ValueKind == JsonValueKind.Object)
            {
                CheckUndeclared(property.Value, path, configurationId, configuration, problems);
                continue;
            }
            problems.Add($"claim '{string.Join('.', path)}' is not defined by '{configurationId}'");
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

    private static bool HasType(JsonElement value, string expected) => expected switch
    {
        "string" => value.ValueKind == JsonValueKind.String,
        "number" => value.ValueKind == JsonValueKind.Number,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        _ => true,
    };
}

/// <summary>Checks what data annotations cannot: each credential configuration is complete and consistent.</summary>
public sealed class CredentialConfigurationsValidator : IValidateOptions<IssuerOptions>
{
    private static readonly string[] ValueTypes = ["string", "number", "boolean", "object", "array"];

    public ValidateOptionsResult Validate(string? name, IssuerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.CredentialConfigurations.Count == 0)
        {
            failures.Add("Setting 'Issuer:CredentialConfigurations' is invalid: at least one credential configuration is required");
        }
        foreach (var (id, configuration) in options.CredentialConfigurations)
        {
            var key = $"Issuer:CredentialConfigurations:{id}";
            switch (configuration.Format)
            {
                case CredentialFormats.JwtVcJson when configuration.Types.Count == 0 || configuration.Types[0] != "VerifiableCredential":
                    failures.Add($"Setting '{key}:Types' is invalid: a jwt_vc_json configuration lists its types, starting with VerifiableCredential");
                    break;
                case CredentialFormats.SdJwtVc when string.IsNullOrWhiteSpace(configuration.Vct):
                    failures.Add($"Setting '{key}:Vct' is invalid: a dc+sd-jwt configuration needs a vct");
                    break;
                case CredentialFormats.JwtVcJson or CredentialFormats.SdJwtVc:
                    break;
                default:
                    failures.Add($"Setting '{key}:Format' is invalid: '{configuration.Format}' is not jwt_vc_json or dc+sd-jwt");
                    break;
            }
            if (configuration.Preparation != CredentialPreparation.IssuerSigned && configuration.Format != CredentialFormats.JwtVcJson)
            {
                failures.Add($"Setting '{key}:Format' is invalid: credentials prepared by another service are jwt_vc_json");
            }
            for (var i = 0; i < configuration.Claims.Count; i++)
            {
                var claim = configuration.Claims[i];
                if (claim.Path.Count == 0 || claim.Path.Any(string.IsNullOrWhiteSpace))
                {
                    failures.Add($"Setting '{key}:Claims:{i}:Path' is invalid: a claims path is a non-empty list of names");
                }
                if (claim.ValueType is { } type && !ValueTypes.Contains(type, StringComparer.Ordinal))
                {
                    failures.Add($"Setting '{key}:Claims:{i}:ValueType' is invalid: use one of {string.Join(", ", ValueTypes)}");
                }
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
