using GaiaX.Oid4vc.Rdf.JsonLd;
using GaiaX.Oid4vc.Rdf.Shacl;

namespace GaiaX.Oid4vc.Rdf.GaiaX;

/// <summary>
/// The Gaia-X shape sets: the repository's own 25.11 profile (embedded, the offline default) or the
/// official 25.11 shapes with the ontology's <c>rdfs:subClassOf</c> triples, read from a folder
/// (in production, the configured registry location).
/// </summary>
public static class GaiaXShapes
{
    /// <summary>File name of the official shapes in a Gaia-X release folder.</summary>
    public const string ShapesFileName = "gx.shacl.ttl";

    /// <summary>File name of the official ontology in a Gaia-X release folder.</summary>
    public const string OntologyFileName = "gx.owl.ttl";

    /// <summary>File name of the official JSON-LD context in a Gaia-X release folder.</summary>
    public const string ContextFileName = "gx.context.jsonld";

    /// <summary>The profile shipped in this assembly, as Turtle.</summary>
    public static string RepositoryProfileTurtle => EmbeddedResources.Read("gaiax-25.11.profile.ttl");

    /// <summary>Compiles the repository's profile (its subclass facts included).</summary>
    public static ShapesGraph LoadRepositoryProfile()
    {
        var graph = TurtleParser.Parse(RepositoryProfileTurtle);
        return ShapesGraph.Compile(graph, ClassHierarchy.FromGraphs(graph));
    }

    /// <summary>Compiles the official shapes from a release folder holding <c>gx.shacl.ttl</c> and <c>gx.owl.ttl</c>.</summary>
    public static ShapesGraph LoadOfficial(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var ontologyPath = Path.Combine(folder, OntologyFileName);
        return LoadOfficial(
            File.ReadAllText(Path.Combine(folder, ShapesFileName)),
            File.Exists(ontologyPath) ? File.ReadAllText(ontologyPath) : null
        );
    }

    /// <summary>Compiles official shapes from Turtle text, with the class hierarchy of the ontology's Turtle text.</summary>
    public static ShapesGraph LoadOfficial(string shapesTurtle, string? ontologyTurtle)
    {
        ArgumentNullException.ThrowIfNull(shapesTurtle);
        var shapes = TurtleParser.Parse(shapesTurtle);
        var hierarchy = ontologyTurtle is null
            ? ClassHierarchy.FromGraphs(shapes)
            : ClassHierarchy.FromGraphs(shapes, TurtleParser.ParseOnly(ontologyTurtle, Terms.SubClassOf));
        return ShapesGraph.Compile(shapes, hierarchy);
    }

    /// <summary>
    /// A document loader with our pinned contexts, replacing the Gaia-X context by the official
    /// <c>gx.context.jsonld</c> of a release folder and, when given, the VC 2.0 context by an official file.
    /// </summary>
    public static OfflineDocumentLoader CreateOfficialDocumentLoader(string releaseFolder, string? credentialsV2ContextFile = null)
    {
        ArgumentNullException.ThrowIfNull(releaseFolder);
        var loader = OfflineDocumentLoader.CreateDefault();
        loader.PinFile(ContextUrls.GaiaX2511, Path.Combine(releaseFolder, ContextFileName));
        if (credentialsV2ContextFile is not null)
        {
            loader.PinFile(ContextUrls.CredentialsV2, credentialsV2ContextFile);
        }
        return loader;
    }
}
