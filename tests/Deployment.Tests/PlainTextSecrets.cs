using System.Text.RegularExpressions;

namespace GaiaX.Oid4vc.Deployment.Tests;

/// <summary>
/// Finds secret values written into manifests instead of referenced from a Secret, and collects
/// the names of the Secrets a rendered deployment references.
/// </summary>
internal static partial class PlainTextSecrets
{
    /// <summary>Setting names that hold a secret (not a path to one, not a Secret's name).</summary>
    [GeneratedRegex("(password|passwd|secret|token|apikey|api_key|privatekey|private_key|credential|connectionstring)(?!.*(path|file|dir|name|ref|issuer)$)", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();

    [GeneratedRegex(@"^--?[a-z-]*(pass|token|secret|key)[a-z-]*$", RegexOptions.IgnoreCase)]
    private static partial Regex SecretFlag();

    [GeneratedRegex(@"^\$\([A-Za-z_][A-Za-z0-9_]*\)$")]
    private static partial Regex VariableReference();

    /// <summary>Every place in <paramref name="resources"/> where a secret value is written out.</summary>
    public static IReadOnlyList<string> Find(IEnumerable<Dictionary<object, object?>> resources, string source)
    {
        var findings = new List<string>();
        foreach (var resource in resources)
        {
            var where = $"{source}: {resource.Describe()}";
            if (resource.Kind() == "Secret" && (resource.At("data") is not null || resource.At("stringData") is not null))
            {
                findings.Add($"{where} carries its values in the manifest");
            }
            if (resource.Kind() == "ConfigMap")
            {
                findings.AddRange(resource.Strings("data")
                    .Where(e => SecretName().IsMatch(e.Key) && !string.IsNullOrEmpty(e.Value))
                    .Select(e => $"{where} data.{e.Key} holds a secret value"));
            }
            Walk(resource, where, findings);
        }
        return findings;
    }

    /// <summary>Lines of a text file (Dockerfile, script, Tiltfile) that carry key material.</summary>
    public static IEnumerable<string> FindKeyMaterial(string text, string source) =>
        text.Split('\n')
            .Select((line, index) => (line, index))
            .Where(l => l.line.Contains("-----BEGIN", StringComparison.Ordinal) || l.line.Contains("PRIVATE KEY-----", StringComparison.Ordinal))
            .Select(l => $"{source}:{l.index + 1} holds PEM key material");

    /// <summary>The names of the Secrets a rendered deployment needs to exist.</summary>
    public static ISet<string> ReferencedSecretNames(IEnumerable<Dictionary<object, object?>> resources)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var resource in resources)
        {
            foreach (var key in new[] { "dapr.io/app-token-secret", "dapr.io/api-token-secret" })
            {
                if (resource.Strings("spec", "template", "metadata", "annotations").GetValueOrDefault(key) is { Length: > 0 } name)
                {
                    names.Add(name);
                }
            }
            Collect(resource, names);
        }
        return names;
    }

    private static void Walk(object? node, string where, List<string> findings)
    {
        switch (node)
        {
            case Dictionary<object, object?> map:
                // Name/value pairs: container env entries and Dapr component metadata items.
                if (map.Str("name") is { } name && map.Str("value") is { Length: > 0 } && SecretName().IsMatch(name))
                {
                    findings.Add($"{where} sets {name} to a literal value instead of a secretKeyRef");
                }
                if (map.Seq("args").Concat(map.Seq("command")).OfType<string>().ToList() is { Count: > 0 } args)
                {
                    for (var i = 0; i < args.Count; i++)
                    {
                        var parts = args[i].Split('=', 2);
                        var value = parts.Length == 2 ? parts[1] : i + 1 < args.Count ? args[i + 1] : "";
                        if (SecretFlag().IsMatch(parts[0]) && !VariableReference().IsMatch(value))
                        {
                            findings.Add($"{where} passes {parts[0]} a literal value instead of $(VARIABLE) from a Secret");
                        }
                    }
                }
                foreach (var value in map.Values)
                {
                    Walk(value, where, findings);
                }
                break;
            case List<object?> list:
                foreach (var item in list)
                {
                    Walk(item, where, findings);
                }
                break;
        }
    }

    private static void Collect(object? node, SortedSet<string> names)
    {
        switch (node)
        {
            case Dictionary<object, object?> map:
                foreach (var (key, value) in map)
                {
                    var reference = key switch
                    {
                        "secretKeyRef" or "secretRef" => value.Str("name"),
                        "secret" => value.Str("secretName") ?? value.Str("name"),
                        "imagePullSecrets" => null,
                        _ => null,
                    };
                    if (reference is not null)
                    {
                        names.Add(reference);
                    }
                    if (key is "imagePullSecrets")
                    {
                        foreach (var pull in value.Seq())
                        {
                            names.Add(pull.Str("name")!);
                        }
                    }
                    Collect(value, names);
                }
                break;
            case List<object?> list:
                foreach (var item in list)
                {
                    Collect(item, names);
                }
                break;
        }
    }
}
