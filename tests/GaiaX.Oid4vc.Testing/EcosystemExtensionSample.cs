namespace GaiaX.Oid4vc.Testing;

/// <summary>
/// A small ecosystem extension of the Gaia-X ontology, as an ecosystem would generate it (e.g. from LinkML): its own
/// <c>eco:Membership</c> class with a shape, and <c>eco:SovereignCloudService</c> refining <c>gx:ServiceOffering</c>.
/// </summary>
public static class EcosystemExtensionSample
{
    public const string Name = "eco";

    public const string ContextUrl = "https://ecosystem.example/contexts/v1";

    public const string Namespace = "https://ecosystem.example/ns#";

    public const string Context = """
        { "@context": { "eco": "https://ecosystem.example/ns#" } }
        """;

    public const string Shapes = """
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        @prefix eco: <https://ecosystem.example/ns#> .
        @prefix gx: <https://w3id.org/gaia-x/development#> .

        eco:SovereignCloudService rdfs:subClassOf gx:ServiceOffering .

        eco:MembershipShape a sh:NodeShape ;
            sh:targetClass eco:Membership ;
            sh:property [ sh:path eco:memberOf ; sh:minCount 1 ] ,
                [ sh:path eco:memberSince ; sh:minCount 1 ; sh:maxCount 1 ] .
        """;

    /// <summary>Writes the context and the shapes to files (for a local registry), returning their paths.</summary>
    public static (string ContextFile, string ShapesFile) WriteFiles(string folder)
    {
        Directory.CreateDirectory(folder);
        var context = Path.Combine(folder, "eco.context.jsonld");
        var shapes = Path.Combine(folder, "eco.shacl.ttl");
        File.WriteAllText(context, Context);
        File.WriteAllText(shapes, Shapes);
        return (context, shapes);
    }
}
