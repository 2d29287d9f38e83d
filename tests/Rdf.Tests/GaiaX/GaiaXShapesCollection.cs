namespace GaiaX.Oid4vc.Rdf.Tests.GaiaX;

[CollectionDefinition(Name)]
public sealed class GaiaXShapesCollection : ICollectionFixture<GaiaXShapesFixture>
{
    public const string Name = "Gaia-X shapes";
}
