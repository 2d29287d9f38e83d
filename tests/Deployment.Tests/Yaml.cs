using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace GaiaX.Oid4vc.Deployment.Tests;

/// <summary>
/// Multi-document YAML as plain objects (mappings, sequences, scalar strings) with small
/// navigation helpers, so a test reads like the manifest it checks.
/// </summary>
internal static class Yaml
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder().Build();

    /// <summary>Every non-empty document of <paramref name="text"/>; fails on invalid YAML.</summary>
    public static IReadOnlyList<Dictionary<object, object?>> LoadAll(string text, string source) =>
        LoadNodes(text, source).Select(document => document as Dictionary<object, object?>
            ?? throw new InvalidOperationException($"{source}: a document is not a mapping")).ToList();

    /// <summary>
    /// Every non-empty document of <paramref name="text"/>, mappings or sequences (JSON patches);
    /// fails on invalid YAML.
    /// </summary>
    public static IReadOnlyList<object> LoadNodes(string text, string source)
    {
        var documents = new List<object>();
        try
        {
            var parser = new Parser(new StringReader(text));
            parser.Consume<StreamStart>();
            while (parser.Accept<DocumentStart>(out _))
            {
                var document = Deserializer.Deserialize<object?>(parser);
                if (document is not null)
                {
                    documents.Add(document);
                }
            }
        }
        catch (YamlException e)
        {
            throw new InvalidOperationException($"{source}: invalid YAML at {e.Start}: {e.Message}", e);
        }
        return documents;
    }

    public static IReadOnlyList<Dictionary<object, object?>> LoadFile(string path) =>
        LoadAll(File.ReadAllText(path), path);

    /// <summary>The node at <paramref name="path"/> (string = mapping key, int = sequence index), or null.</summary>
    public static object? At(this object? node, params object[] path)
    {
        foreach (var step in path)
        {
            node = (node, step) switch
            {
                (Dictionary<object, object?> map, string key) => map.TryGetValue(key, out var value) ? value : null,
                (List<object?> list, int index) => index < list.Count ? list[index] : null,
                _ => null,
            };
            if (node is null)
            {
                return null;
            }
        }
        return node;
    }

    public static string? Str(this object? node, params object[] path) => node.At(path) as string;

    public static IReadOnlyList<object?> Seq(this object? node, params object[] path) =>
        node.At(path) as List<object?> ?? [];

    public static Dictionary<object, object?> Map(this object? node, params object[] path) =>
        node.At(path) as Dictionary<object, object?> ?? [];

    /// <summary>A mapping's entries as string pairs (annotations, labels, ConfigMap data).</summary>
    public static Dictionary<string, string?> Strings(this object? node, params object[] path) =>
        node.Map(path).ToDictionary(e => (string)e.Key, e => e.Value as string, StringComparer.Ordinal);

    public static string Kind(this Dictionary<object, object?> resource) => resource.Str("kind") ?? "";

    public static string Name(this Dictionary<object, object?> resource) => resource.Str("metadata", "name") ?? "";

    public static string Describe(this Dictionary<object, object?> resource) => $"{resource.Kind()}/{resource.Name()}";

    /// <summary>A stable text form of a node (mapping keys sorted), for comparing two documents.</summary>
    public static string Canonical(object? node) => node switch
    {
        Dictionary<object, object?> map => "{" + string.Join(",", map
            .OrderBy(e => (string)e.Key, StringComparer.Ordinal)
            .Select(e => (string)e.Key + ":" + Canonical(e.Value))) + "}",
        List<object?> list => "[" + string.Join(",", list.Select(Canonical)) + "]",
        null => "null",
        _ => "'" + node + "'",
    };
}
