using GaiaX.Oid4vc.Rdf.GaiaX;
using GaiaX.Oid4vc.Rdf.JsonLd;
using GaiaX.Oid4vc.Rdf.Shacl;
using GaiaX.Oid4vc.Testing;

namespace GaiaX.Oid4vc.Rdf.Tests.GaiaX;

/// <summary>The official 25.11 shapes and the repository profile, compiled once for the collection (they are immutable).</summary>
public sealed class GaiaXShapesFixture
{
    public static string ReleaseFolder => Path.Combine(RepositoryPaths.SharedData, "gaiax-25.11");

    public ShapesGraph Official { get; } = GaiaXShapes.LoadOfficial(ReleaseFolder);

    public ShapesGraph Profile { get; } = GaiaXShapes.LoadRepositoryProfile();

    public OfflineDocumentLoader Loader { get; } = OfflineDocumentLoader.CreateDefault();
}
