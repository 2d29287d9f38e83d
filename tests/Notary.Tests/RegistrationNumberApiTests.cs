using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.RegistrySandbox;

namespace GaiaX.Oid4vc.Notary.Tests;

/// <summary>The Gaia-X notary API per type: valid → signed VC-JWT, unknown → 404, malformed → 400 without a registry call.</summary>
public sealed class RegistrationNumberApiTests
{
    private const string Lei = "984500DEMOCLOUD00089";
    private const string Vat = "DE812345673";
    private const string Eori = "DE8123456730000";
    private const string Euid = "DEK1101R.HRB100001";
    private const string TaxId = "12/345/67890";
    private const string Local = "HRB 100001";

    /// <summary>Settings that give tax ID, EUID and local numbers a registry on the test's WireMock server.</summary>
    private static string[] ConfiguredRegistries(string baseUrl) =>
    [
        $"--Notary:Registries:TaxId:Endpoint={baseUrl}/tax/{{value}}",
        $"--Notary:Registries:Euid:Endpoint={baseUrl}/bris/{{country}}/{{value}}",
        $"--Notary:Registries:Local:Endpoint={baseUrl}/local/{{value}}",
    ];

    [Theory]
    [InlineData("vat-id", Vat, "gx:VatID", "gx:vatID", Vat)]
    [InlineData("lei-code", Lei, "gx:LeiCode", "schema:leiCode", Lei)]
    [InlineData("eori", Eori, "gx:EORI", "gx:eori", Eori)]
    [InlineData("tax-id", TaxId, "gx:TaxID", "schema:taxID", TaxId)]
    [InlineData("euid", Euid, "gx:EUID", "gx:euid", Euid)]
    [InlineData("local", Local, "gx:LocalRegistrationNumber", "gx:local", Local)]
    public async Task Registered_number_yields_a_vc_jwt_the_credential_core_verifies_with_subject_type_and_evidence(string type, string value, string credentialType, string property, string expected)
    {
        await using var notary = await StartAsync(withConfiguredRegistries: true);
        var evidenceUrl = ArrangeRegistered(notary, type, value);

        var response = await notary.GetCredentialAsync(type, value);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("application/vc+jwt", response.Content.Headers.ContentType?.MediaType);
        var vc = await notary.VerifiedCredentialAsync(await response.Content.ReadAsStringAsync());
        Assert.Equal(["VerifiableCredential", credentialType], vc["type"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal(NotaryUnderTest.VcId, vc["id"]!.GetValue<string>());
        var subject = vc["credentialSubject"]!.AsObject();
        Assert.Equal(NotaryUnderTest.SubjectId, subject["id"]!.GetValue<string>());
        Assert.Equal(credentialType, subject["type"]!.GetValue<string>());
        Assert.Equal(expected, subject[property]!.GetValue<string>());
        var evidence = Assert.Single(vc["evidence"]!.AsArray())!.AsObject();
        Assert.Equal(property, evidence["gx:evidenceOf"]!.GetValue<string>());
        Assert.StartsWith(evidenceUrl, evidence["gx:evidenceURL"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(DateTimeOffset.TryParse(evidence["gx:executionDate"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture, out _));
        Assert.Equal(1, notary.RegistryCalls);
    }

    [Theory]
    [InlineData("vat-id", Vat)]
    [InlineData("lei-code", Lei)]
    [InlineData("eori", Eori)]
    [InlineData("tax-id", TaxId)]
    [InlineData("euid", Euid)]
    [InlineData("local", Local)]
    public async Task Number_unknown_to_the_registry_answers_404(string type, string value)
    {
        await using var notary = await StartAsync(withConfiguredRegistries: true);
        ArrangeNotRegistered(notary, type, value);

        var response = await notary.GetCredentialAsync(type, value);

        var problem = await NotaryUnderTest.ProblemAsync(response, 404);
        Assert.Equal(type, problem.GetProperty("registrationNumberType").GetString());
        Assert.Equal(1, notary.RegistryCalls);
    }

    [Theory]
    [InlineData("vat-id", "DE812345674", "check digit")]
    [InlineData("vat-id", "DE81234567", "9 digits")]
    [InlineData("lei-code", "984500DEMOCLOUD00088", "check digits")]
    [InlineData("eori", "DE81234567300001234", "up to 15")]
    [InlineData("tax-id", "-12345", "letters, digits")]
    [InlineData("euid", "DEK1101RHRB100001", "register identifier")]
    [InlineData("local", "HRB <1>", "letters, digits")]
    public async Task Syntactically_wrong_number_answers_400_naming_the_problem_without_any_registry_call(string type, string value, string expectedInDetail)
    {
        await using var notary = await StartAsync(withConfiguredRegistries: true);

        var response = await notary.GetCredentialAsync(type, value);

        var problem = await NotaryUnderTest.ProblemAsync(response, 400);
        Assert.Contains(expectedInDetail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, notary.RegistryCalls);
    }

    [Fact]
    public async Task Lapsed_lei_is_not_a_valid_registration_and_answers_404()
    {
        await using var notary = await NotaryUnderTest.StartAsync();
        notary.GivenGleif(Lei, 200, RegistryWireFormats.GleifLeiRecord(Lei, "Example Cloud GmbH", "DE", registrationStatus: "LAPSED"));

        var problem = await NotaryUnderTest.ProblemAsync(await notary.GetCredentialAsync("lei-code", Lei), 404);

        Assert.Contains("LAPSED", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lei_credential_carries_the_country_and_subdivision_gleif_records()
    {
        await using var notary = await NotaryUnderTest.StartAsync();
        notary.GivenGleif(Lei, 200, RegistryWireFormats.GleifLeiRecord(Lei, "Example Cloud GmbH", "DE", region: "DE-BE"));

        var response = await notary.GetCredentialAsync("lei-code", Lei);

        var subject = NotaryUnderTest.Payload(await response.Content.ReadAsStringAsync())["credentialSubject"]!;
        Assert.Equal("DE", subject["gx:countryCode"]!.GetValue<string>());
        Assert.Equal("DE-BE", subject["gx:subdivisionCountryCode"]!.GetValue<string>());
    }

    [Fact]
    public async Task Vat_credential_carries_the_country_code_and_greek_vat_ids_map_to_gr()
    {
        await using var notary = await NotaryUnderTest.StartAsync();
        notary.GivenVies("EL", "094259216", 200, RegistryWireFormats.ViesCheckVatResponse("EL", "094259216", valid: true));

        var response = await notary.GetCredentialAsync("vat-id", "GR094259216");

        var subject = NotaryUnderTest.Payload(await response.Content.ReadAsStringAsync())["credentialSubject"]!;
        Assert.Equal("EL094259216", subject["gx:vatID"]!.GetValue<string>());
        Assert.Equal("GR", subject["gx:countryCode"]!.GetValue<string>());
    }

    [Fact]
    public async Task Eori_credential_names_the_country_in_english()
    {
        await using var notary = await NotaryUnderTest.StartAsync();
        notary.GivenEori(Eori, 200, RegistryWireFormats.EoriResponse(Eori, valid: true));

        var response = await notary.GetCredentialAsync("eori", Eori);

        Assert.Equal("Germany", NotaryUnderTest.Payload(await response.Content.ReadAsStringAsync())["credentialSubject"]!["gx:country"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("tax-id", TaxId)]
    [InlineData("euid", Euid)]
    [InlineData("local", Local)]
    public async Task Type_without_a_configured_registry_is_checked_for_syntax_only_and_the_evidence_says_so(string type, string value)
    {
        await using var notary = await NotaryUnderTest.StartAsync();

        var response = await notary.GetCredentialAsync(type, value);

        Assert.Equal(200, (int)response.StatusCode);
        var evidence = NotaryUnderTest.Payload(await response.Content.ReadAsStringAsync())["evidence"]![0]!;
        Assert.Contains("Syntax check only", evidence["description"]!.GetValue<string>(), StringComparison.Ordinal);
        var rule = await notary.Client.GetFromJsonAsync<JsonObject>(new Uri(evidence["gx:evidenceURL"]!.GetValue<string>()).PathAndQuery);
        Assert.Equal("syntax-only", rule!["check"]!.GetValue<string>());
        Assert.Equal(0, notary.RegistryCalls);
    }

    [Fact]
    public async Task Missing_subject_id_answers_400_naming_the_parameter()
    {
        await using var notary = await NotaryUnderTest.StartAsync();

        var problem = await NotaryUnderTest.ProblemAsync(await notary.GetCredentialAsync("vat-id", Vat, subjectId: null), 400);

        Assert.Contains("subjectId", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, notary.RegistryCalls);
    }

    [Theory]
    [InlineData("not a uri")]
    [InlineData("relative/path")]
    public async Task Vc_id_that_is_not_an_absolute_uri_answers_400(string vcId)
    {
        await using var notary = await NotaryUnderTest.StartAsync();

        var problem = await NotaryUnderTest.ProblemAsync(await notary.GetCredentialAsync("vat-id", Vat, vcId: vcId), 400);

        Assert.Contains("vcId", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_registration_number_type_answers_400_listing_the_types()
    {
        await using var notary = await NotaryUnderTest.StartAsync();

        var problem = await NotaryUnderTest.ProblemAsync(await notary.GetCredentialAsync("iban", "DE89370400440532013000"), 400);

        Assert.Contains("vat-id, lei-code, eori, tax-id, euid, local", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static Task<NotaryUnderTest> StartAsync(bool withConfiguredRegistries) =>
        NotaryUnderTest.StartAsync(withConfiguredRegistries ? ConfiguredRegistries(NotaryUnderTest.RegistriesUrl) : null);

    private static string ArrangeRegistered(NotaryUnderTest notary, string type, string value)
    {
        switch (type)
        {
            case "vat-id":
                notary.GivenVies("DE", "812345673", 200, RegistryWireFormats.ViesCheckVatResponse("DE", "812345673", valid: true, "Example Cloud GmbH"));
                return notary.ViesEndpoint;
            case "lei-code":
                notary.GivenGleif(value, 200, RegistryWireFormats.GleifLeiRecord(value, "Example Cloud GmbH", "DE"));
                return notary.Registries.Url + RegistryWireFormats.GleifBasePath + "/lei-records/" + value;
            case "eori":
                notary.GivenEori(value, 200, RegistryWireFormats.EoriResponse(value, valid: true, "Example Cloud GmbH"));
                return notary.Registries.Url + RegistryWireFormats.EoriPath;
            case "tax-id":
                notary.GivenJson("/tax/" + value, 200, """{"valid":true}""");
                return notary.Registries.Url + "/tax/";
            case "euid":
                notary.GivenJson("/bris/DE/" + value, 200, """{"valid":true,"name":"Example Cloud GmbH"}""");
                return notary.Registries.Url + "/bris/DE/";
            default:
                notary.GivenJson("/local/" + value, 200);
                return notary.Registries.Url + "/local/";
        }
    }

    private static void ArrangeNotRegistered(NotaryUnderTest notary, string type, string value)
    {
        switch (type)
        {
            case "vat-id":
                notary.GivenVies("DE", "812345673", 200, RegistryWireFormats.ViesCheckVatResponse("DE", "812345673", valid: false));
                break;
            case "lei-code":
                notary.GivenGleif(value, 404, RegistryWireFormats.GleifNotFound());
                break;
            case "eori":
                notary.GivenEori(value, 200, RegistryWireFormats.EoriResponse(value, valid: false));
                break;
            case "tax-id":
                notary.GivenJson("/tax/" + value, 404);
                break;
            case "euid":
                notary.GivenJson("/bris/DE/" + value, 410);
                break;
            default:
                notary.GivenJson("/local/" + value, 200, """{"valid":false}""");
                break;
        }
    }
}
