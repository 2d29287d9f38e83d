using GaiaX.Oid4vc.Rdf.JsonLd;
using GaiaX.Oid4vc.Testing;

namespace GaiaX.Oid4vc.Rdf.Tests.JsonLd;

internal static class GaiaXShapesTestPaths
{
    public static OfflineDocumentLoader OfficialLoader() => global::GaiaX.Oid4vc.Rdf.GaiaX.GaiaXShapes.CreateOfficialDocumentLoader(
        Path.Combine(RepositoryPaths.SharedData, "gaiax-25.11"),
        Path.Combine(RepositoryPaths.SharedData, "jsonld-contexts", "credentials-v2.jsonld"));
}
