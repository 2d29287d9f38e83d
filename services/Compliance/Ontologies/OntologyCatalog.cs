using System.Collections.Concurrent;
using System.Text.Json;
using GaiaX.Oid4vc.Compliance.Registry;
using GaiaX.Oid4vc.Rdf.GaiaX;
using GaiaX.Oid4vc.Rdf.JsonLd;
using GaiaX.Oid4vc.Rdf.Shacl;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Compliance.Ontologies;

/// <summary>
/// The Gaia-X ontology versions this engine assesses side by side: each credential is judged with the shapes, the
/// context and the label criteria of the version whose namespace it uses. Built in: <c>development</c> (the namespace
/// of the published 25.11 files) and <c>2511</c> (the same release in its versioned namespace); more come from
/// <c>Compliance:Ontologies</c>. A version that shares a release compiles that release's shapes once, in its own
/// namespace, and serves its context rewritten the same way.
/// </summary>
public sealed class OntologyCatalog : IDocumentLoader
{
    public const string SectionName = "Compliance:Ontologies";

    private readonly Dictionary<string, OntologyVersion> _byNamespace = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OntologyVersion> _byName = new(StringComparer.Ordinal);
    private readonly IDocumentLoader _contexts;
    private readonly ConcurrentDictionary<string, Lazy<ShapesGraph>> _shapes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RemoteDocument> _rebasedContexts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RemoteDocument> _extensionContexts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<ExtendedShapes>> _extended = new(StringComparer.Ordinal);

    public OntologyCatalog(IDocumentLoader contexts, IOptions<Dictionary<string, OntologyVersionOptions>>? configured = null)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        _contexts = contexts;
        Add(OntologyVersion.Development);
        Add(OntologyVersion.Release2511);
        foreach (var (name, settings) in configured?.Value ?? [])
        {
            Add(FromSettings(name, settings));
        }
        foreach (var version in _byName.Values)
        {
            _ = RootOf(version);
        }
    }

    /// <summary>Every version, by name.</summary>
    public IReadOnlyCollection<OntologyVersion> Versions => _byName.Values;

    /// <summary>The version of a credential without any Gaia-X context (and of the labels this engine signs).</summary>
    public static OntologyVersion Default => OntologyVersion.Development;

    /// <summary>
    /// The version named by the credential's <c>@context</c>: a context under <c>https://w3id.org/gaia-x/</c> names
    /// one. None → <see cref="Default"/>; an unknown one, or two different ones, → the problem in words.
    /// </summary>
    public OntologyIdentification Identify(JsonElement payload)
    {
        OntologyVersion? found = null;
        foreach (var url in ContextUrlsOf(payload))
        {
            if (!url.StartsWith(OntologyVersion.GaiaXNamespacePrefix, StringComparison.Ordinal))
            {
                continue;
            }
            if (!TryFindNamespace(url, out var version))
            {
                return OntologyIdentification.Refused(
                    $"The credential uses the Gaia-X ontology version '{VersionName(url)}' ({url}), which this engine does not know; "
                        + $"it knows {string.Join(", ", _byName.Keys.Order(StringComparer.Ordinal))}."
                );
            }
            if (found is not null && found != version)
            {
                return OntologyIdentification.Refused(
                    $"The credential mixes the Gaia-X ontology versions '{found.Name}' and '{version.Name}'; a credential uses one."
                );
            }
            found = version;
        }
        return OntologyIdentification.Of(found ?? Default);
    }

    /// <summary>
    /// The compiled shapes of <paramref name="version"/>: its own files, or the registry's release shapes in its namespace.
    /// </summary>
    public ShapesGraph ShapesFor(OntologyVersion version, ShapeSource registryShapes)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(registryShapes);
        var root = RootOf(version);
        var key = root.Files is null ? $"{version.Name}|{registryShapes.Origin}|{registryShapes.Version}" : version.Name;
        return _shapes
            .GetOrAdd(key, _ => new Lazy<ShapesGraph>(
                () =>
                {
                    if (root.Files is { } files)
                    {
                        var own = File.ReadAllText(files.ShapesFile);
                        var classes = files.OntologyFile is null ? null : File.ReadAllText(files.OntologyFile);
                        return GaiaXShapes.LoadOfficial(
                            version.Rebase(own, root.Namespace),
                            classes is null ? null : version.Rebase(classes, root.Namespace)
                        );
                    }
                    var turtle = registryShapes.Turtle ?? GaiaXShapes.RepositoryProfileTurtle;
                    var ontology = registryShapes.OntologyTurtle;
                    return GaiaXShapes.LoadOfficial(
                        version.Rebase(turtle, root.Namespace),
                        ontology is null ? null : version.Rebase(ontology, root.Namespace)
                    );
                },
                // A source that does not compile is not remembered: the next assessment asks again.
                LazyThreadSafetyMode.PublicationOnly
            ))
            .Value;
    }

    /// <summary>
    /// The shapes for a credential of <paramref name="version"/> that lists the contexts of <paramref name="extensions"/>:
    /// the version's class hierarchy extended with the extensions' subclasses (so that Gaia-X shapes reach the
    /// ecosystem's refined classes), and each extension's shapes compiled with it. Built once per combination.
    /// </summary>
    public ExtendedShapes ShapesFor(OntologyVersion version, ShapeSource registryShapes, IReadOnlyList<EcosystemExtension> extensions)
    {
        ArgumentNullException.ThrowIfNull(extensions);
        var gaiaX = ShapesFor(version, registryShapes);
        if (extensions.Count == 0)
        {
            return new ExtendedShapes(gaiaX, gaiaX.Hierarchy, []);
        }
        var key = $"{version.Name}|{registryShapes.Origin}|{registryShapes.Version}|{string.Join(",", extensions.Select(e => e.Digest))}";
        return _extended
            .GetOrAdd(key, _ => new Lazy<ExtendedShapes>(
                () =>
                {
                    var graphs = extensions.Select(e => (Extension: e, Graph: Rdf.TurtleParser.Parse(e.ShapesTurtle))).ToArray();
                    var hierarchy = graphs.Aggregate(gaiaX.Hierarchy, (h, g) => h.ExtendedWithGraph(g.Graph));
                    return new ExtendedShapes(
                        gaiaX,
                        hierarchy,
                        graphs.Select(g => (g.Extension, ShapesGraph.Compile(g.Graph, hierarchy))).ToArray()
                    );
                },
                LazyThreadSafetyMode.PublicationOnly
            ))
            .Value;
    }

    /// <summary>A loader that also serves the contexts of <paramref name="extensions"/> (each processed once per content).</summary>
    public IDocumentLoader WithExtensions(IReadOnlyList<EcosystemExtension> extensions)
    {
        ArgumentNullException.ThrowIfNull(extensions);
        return extensions.Count == 0 ? this : new ExtensionContexts(this, extensions);
    }

    private sealed class ExtensionContexts(OntologyCatalog catalog, IReadOnlyList<EcosystemExtension> extensions) : IDocumentLoader
    {
        public RemoteDocument LoadDocument(string url)
        {
            foreach (var extension in extensions)
            {
                if (extension.ContextUrl == url)
                {
                    return catalog._extensionContexts.GetOrAdd(extension.Digest, _ => new RemoteDocument(url, extension.ContextJson));
                }
            }
            return catalog.LoadDocument(url);
        }
    }

    /// <summary>Serves each version's context: its own file, or its release's context rewritten into its namespace.</summary>
    public RemoteDocument LoadDocument(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.StartsWith(OntologyVersion.GaiaXNamespacePrefix, StringComparison.Ordinal) || !TryFindNamespace(url, out var version))
        {
            return _contexts.LoadDocument(url);
        }
        if (version.SameReleaseAs is null && version.Files is null)
        {
            return _contexts.LoadDocument(url);
        }
        return _rebasedContexts.GetOrAdd(version.Name, _ =>
        {
            var root = RootOf(version);
            var text = root.Files is { } files
                ? File.ReadAllText(files.ContextFile)
                : _contexts.LoadDocument(root.Namespace).Document.GetRawText();
            return new RemoteDocument(version.Namespace, version.Rebase(text, root.Namespace));
        });
    }

    private bool TryFindNamespace(string url, out OntologyVersion version)
    {
        if (_byNamespace.TryGetValue(url, out version!))
        {
            return true;
        }
        var trimmed = url.TrimEnd('#', '/');
        return _byNamespace.TryGetValue(trimmed + "#", out version!) || _byNamespace.TryGetValue(trimmed + "/", out version!);
    }

    private static string VersionName(string url) => url[OntologyVersion.GaiaXNamespacePrefix.Length..].TrimEnd('#', '/');

    private OntologyVersion RootOf(OntologyVersion version)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var current = version;
        while (current.SameReleaseAs is { } next)
        {
            if (!seen.Add(current.Name) || !_byName.TryGetValue(next, out var parent))
            {
                throw new OptionsValidationException(
                    SectionName,
                    typeof(OntologyVersionOptions),
                    [$"{SectionName}:{version.Name}:SameReleaseAs names an unknown version or a cycle ('{next}')."]
                );
            }
            current = parent;
        }
        return current;
    }

    private void Add(OntologyVersion version)
    {
        _byName[version.Name] = version;
        _byNamespace[version.Namespace] = version;
    }

    private static OntologyVersion FromSettings(string name, OntologyVersionOptions settings)
    {
        var problems = new List<string>();
        if (
            !Uri.TryCreate(settings.Namespace, UriKind.Absolute, out _)
            || !settings.Namespace!.StartsWith(OntologyVersion.GaiaXNamespacePrefix, StringComparison.Ordinal)
            || !(settings.Namespace.EndsWith('#') || settings.Namespace.EndsWith('/'))
        )
        {
            problems.Add($"{SectionName}:{name}:Namespace must be a Gaia-X namespace (https://w3id.org/gaia-x/…# or …/).");
        }
        var ownFiles = settings.ShapesFile is not null || settings.ContextFile is not null;
        if (ownFiles == (settings.SameReleaseAs is not null))
        {
            problems.Add($"{SectionName}:{name} needs either SameReleaseAs or its own ShapesFile and ContextFile.");
        }
        if (ownFiles && (settings.ShapesFile is null || settings.ContextFile is null))
        {
            problems.Add($"{SectionName}:{name} needs both ShapesFile and ContextFile.");
        }
        if (problems.Count > 0)
        {
            throw new OptionsValidationException(SectionName, typeof(OntologyVersionOptions), problems);
        }
        return new OntologyVersion(
            name,
            settings.Namespace!,
            settings.CriteriaVersion,
            settings.SameReleaseAs,
            ownFiles ? new OntologyVersionFiles(settings.ShapesFile!, settings.OntologyFile, settings.ContextFile!) : null
        );
    }

    /// <summary>The context URLs a credential lists beyond the W3C and Gaia-X ones (an ecosystem's, or unknown).</summary>
    public static IEnumerable<string> OtherContextUrls(JsonElement payload) =>
        ContextUrlsOf(payload)
            .Where(url =>
                url != ContextUrls.CredentialsV2 && !url.StartsWith(OntologyVersion.GaiaXNamespacePrefix, StringComparison.Ordinal)
            );

    private static IEnumerable<string> ContextUrlsOf(JsonElement payload)
    {
        if (payload.ValueKind != JsonValueKind.Object || !payload.TryGetProperty("@context", out var context))
        {
            yield break;
        }
        if (context.ValueKind == JsonValueKind.String)
        {
            yield return context.GetString()!;
        }
        else if (context.ValueKind == JsonValueKind.Array)
        {
            foreach (var entry in context.EnumerateArray())
            {
                if (entry.ValueKind == JsonValueKind.String)
                {
                    yield return entry.GetString()!;
                }
            }
        }
    }
}
