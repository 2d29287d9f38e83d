using GaiaX.Oid4vc.Rdf;
using GaiaX.Oid4vc.Rdf.GaiaX;
using GaiaX.Oid4vc.Rdf.JsonLd;
using GaiaX.Oid4vc.Rdf.Shacl;
using GaiaX.Oid4vc.RegistrySandbox;
using GaiaX.Oid4vc.Testing;

namespace GaiaX.Oid4vc.Notary.Tests;

/// <summary>
/// The subject of every registration-number credential conforms to the official Gaia-X 25.11 shapes
/// (closed shapes: only the shape's properties), read from the release in the shared data with its
/// official JSON-LD context.
/// </summary>
public sealed class GaiaXShapeConformanceTests
{
    private static readonly Lazy<ShapesGraph> Shapes = new(() => GaiaXShapes.LoadOfficial(Release));
    private static readonly Lazy<OfflineDocumentLoader> Loader = new(() => GaiaXShapes.CreateOfficialDocumentLoader(Release));

    private static string Release => Path.Combine(RepositoryPaths.SharedData, "gaiax-25.11");

    [Theory]
    [InlineData("vat-id", "DE812345673")]
    [InlineData("lei-code", "984500DEMOCLOUD00089")]
    [InlineData("eori", "DE8123456730000")]
    [InlineData("tax-id", "12/345/67890")]
    [InlineData("euid", "DEK1101R.HRB100001")]
    [InlineData("local", "HRB 100001")]
    public async Task Issued_credential_subject_conforms_to_the_gaia_x_25_11_shape(string type, string value)
    {
        await using var notary = await NotaryUnderTest.StartAsync();
        notary.GivenVies("DE", "812345673", 200, RegistryWireFormats.ViesCheckVatResponse("DE", "812345673", valid: true));
        notary.GivenEori("DE8123456730000", 200, RegistryWireFormats.EoriResponse("DE8123456730000", valid: true));
        notary.GivenGleif("984500DEMOCLOUD00089", 200, RegistryWireFormats.GleifLeiRecord("984500DEMOCLOUD00089", "Example Cloud GmbH", "DE", region: "DE-BE"));

        var response = await notary.GetCredentialAsync(type, value);
        Assert.Equal(200, (int)response.StatusCode);
        var vc = NotaryUnderTest.Payload(await response.Content.ReadAsStringAsync());

        var graph = CredentialGraph.SubjectClaims(JsonLdToRdf.ToGraph(vc.ToJsonString(), Loader.Value));
        var report = Shapes.Value.Validate(graph, new ShaclValidationOptions { IgnoreDataGraphClassHierarchy = true });

        Assert.True(report.Conforms, report.ToJson());
        Assert.NotEmpty(graph.Triples);
    }

    [Fact]
    public async Task Conformance_check_catches_a_property_outside_the_closed_shape()
    {
        // Guards the check above: the same pipeline rejects a subject the closed gx:VatID shape forbids.
        await using var notary = await NotaryUnderTest.StartAsync();
        notary.GivenVies("DE", "812345673", 200, RegistryWireFormats.ViesCheckVatResponse("DE", "812345673", valid: true));
        var vc = NotaryUnderTest.Payload(await (await notary.GetCredentialAsync("vat-id", "DE812345673")).Content.ReadAsStringAsync());
        vc["credentialSubject"]!["gx:legalName"] = "Example Cloud GmbH";

        var graph = CredentialGraph.SubjectClaims(JsonLdToRdf.ToGraph(vc.ToJsonString(), Loader.Value));

        Assert.False(Shapes.Value.Validate(graph, new ShaclValidationOptions { IgnoreDataGraphClassHierarchy = true }).Conforms);
    }
}
