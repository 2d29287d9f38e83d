using System.Text;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.WebConsole.Apis;
using GaiaX.Oid4vc.WebConsole.Forms;
using GaiaX.Oid4vc.WebConsole.Issuance;
using GaiaX.Oid4vc.WebConsole.Presentation;

namespace GaiaX.Oid4vc.WebConsole.Tests;

/// <summary>How the pages turn forms into API bodies and API answers back into what they show.</summary>
public sealed class FormMappingTests
{
    private static readonly CredentialConfigurationView LegalPerson = new(
        "LegalPerson_jwt_vc_json",
        "Gaia-X Legal Person",
        "jwt_vc_json",
        [
            new ClaimField(0, ["gx:legalName"], "Legal name", true),
            new ClaimField(1, ["gx:headquartersAddress", "gx:countryCode"], "Headquarters country", true),
            new ClaimField(2, ["gx:registrationNumber"], "gx:registrationNumber", false),
        ]);

    [Fact]
    public void Claims_metadata_paths_become_form_fields_without_the_credentialSubject_prefix()
    {
        var metadata = JsonNode.Parse("""
            {"credential_configurations_supported": {"LegalPerson_jwt_vc_json": {"format": "jwt_vc_json",
              "credential_metadata": {"display": [{"name": "Gaia-X Legal Person", "locale": "en"}], "claims": [
                {"path": ["credentialSubject", "gx:legalName"], "mandatory": true, "display": [{"name": "Legal name"}]},
                {"path": ["credentialSubject", "gx:headquartersAddress", "gx:countryCode"]},
                {"path": ["credentialSubject", "gx:tags", null]}]}}}}
            """)!.AsObject();

        var configuration = Assert.Single(IssuerMetadataReader.Configurations(metadata));

        Assert.Equal("Gaia-X Legal Person", configuration.Name);
        Assert.Equal(
            [("Legal name", "gx:legalName", true), ("gx:countryCode", "gx:headquartersAddress › gx:countryCode", false)],
            configuration.Claims.Select(c => (c.Label, c.PathText, c.Mandatory)));
    }

    [Fact]
    public void Offer_form_nests_claims_by_path_sends_objects_as_JSON_and_leaves_empty_claims_out()
    {
        var form = new OfferForm
        {
            Claims = { [0] = "Example Cloud GmbH", [1] = "DE", [2] = "" },
            TxCodeLength = 6,
            SubjectId = " did:web:participant.example ",
        };

        var body = form.ToRequest(LegalPerson);

        Assert.Equal(
            """{"gx:legalName":"Example Cloud GmbH","gx:headquartersAddress":{"gx:countryCode":"DE"}}""",
            body["claims"]!["LegalPerson_jwt_vc_json"]!.ToJsonString());
        Assert.Equal("did:web:participant.example", (string?)body["subject_id"]);
        Assert.Equal("""{"input_mode":"numeric","length":6}""", body["tx_code"]!.ToJsonString());
        form.Claims[2] = """{"gx:vatID": "DE812345673"}""";
        Assert.IsType<JsonObject>(form.ToRequest(LegalPerson)["claims"]!["LegalPerson_jwt_vc_json"]!["gx:registrationNumber"]);
    }

    [Fact]
    public void Issuer_errors_go_to_the_claim_their_pointer_names_and_unknown_pointers_above_the_form()
    {
        var errors = new FormErrors();

        OfferForm.MapErrors(
            [
                new FieldError("/claims/LegalPerson_jwt_vc_json/gx:headquartersAddress/gx:countryCode", "is mandatory"),
                new FieldError("/tx_code/length", "must be between 4 and 12"),
                new FieldError("/callback_url", "must be https"),
            ],
            LegalPerson,
            errors);

        Assert.Equal(["is mandatory"], errors.For("claim-1"));
        Assert.Equal(["must be between 4 and 12"], errors.For("tx_code.length"));
        Assert.Equal(["/callback_url: must be https"], errors.General);
    }

    [Fact]
    public void Verifier_errors_under_the_DCQL_query_go_to_the_editor_naming_the_member()
    {
        var errors = new FormErrors();

        VerifyForm.MapErrors(
            [new FieldError("/dcql_query/credentials/0/claims/1/path/2", "must be a string, a number or null"),
             new FieldError("/response_mode", "is not supported")],
            errors);

        Assert.Equal(["credentials/0/claims/1/path/2: must be a string, a number or null"], errors.For(VerifyForm.DcqlField));
        Assert.Equal(["is not supported"], errors.For("response_mode"));
    }

    [Fact]
    public void Compliant_status_shows_the_label_level_and_stops_polling_once_the_label_is_offered()
    {
        var label = "eyJhbGciOiJFUzI1NiJ9." + Base64Url("""{"id":"urn:uuid:1","credentialSubject":{"gx:labelLevel":"L1"}}""") + ".c2ln";
        var answer = JsonNode.Parse($$"""
            {"request_id": "r1", "status": "verified", "compliance_requested": true,
             "compliance": {"compliant": true, "label_credential": "{{label}}"} }
            """);

        var waiting = RequestStatusView.From("r1", new ApiResponse(ServiceApi.Verifier, 200, answer), new Dictionary<string, List<string>>(), 1000);
        answer!["offer"] = new JsonObject { ["offer_id"] = "o1", ["credential_offer_uri"] = "openid-credential-offer://?x" };
        var offered = RequestStatusView.From("r1", new ApiResponse(ServiceApi.Verifier, 200, answer), new Dictionary<string, List<string>>(), 1000);

        Assert.Equal("L1", waiting.LabelLevel);
        Assert.Equal("urn:uuid:1", waiting.LabelId);
        Assert.False(waiting.IsFinal);
        Assert.True(offered.IsFinal);
    }

    [Fact]
    public void Verified_credential_shows_its_subject_claims_key_binding_and_the_Registrys_roles_for_its_issuer()
    {
        var credential = JsonNode.Parse("""
            {"format": "jwt_vc_json", "issuer": "did:web:notary.example", "types": ["VerifiableCredential", "gx:VatID"],
             "claims": {"credentialSubject": {"id": "did:web:p.example", "gx:vatID": "DE812345673"},
                        "cnf": {"jwk": {"kty": "EC", "crv": "P-256", "x": "a", "y": "b"}}}}
            """)!.AsObject();

        var summary = VerifiedCredentialSummary.From(
            "vat", credential, new Dictionary<string, List<string>> { ["did:web:notary.example"] = ["registration-notary"] });

        Assert.Equal("gx:VatID", summary.Kind);
        Assert.Equal([new ClaimLine("gx:vatID", "DE812345673")], summary.Claims);
        Assert.Contains("cnf.jwk", summary.HolderBinding);
        Assert.Equal(["registration-notary"], summary.RegistryRoles);
    }

    [Fact]
    public void Verified_credential_with_an_array_of_subjects_and_an_odd_cnf_is_shown_with_its_subject_binding()
    {
        var credential = JsonNode.Parse("""
            {"format": "jwt_vc_json", "issuer": "did:web:notary.example", "types": ["VerifiableCredential", "gx:VatID"],
             "claims": {"credentialSubject": [{"id": "did:web:p.example", "gx:vatID": "DE812345673"}, {"id": "urn:x"}],
                        "cnf": "not an object"}}
            """)!.AsObject();

        var summary = VerifiedCredentialSummary.From("vat", credential, new Dictionary<string, List<string>>());

        Assert.Contains("did:web:p.example", summary.HolderBinding, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/management/trusted-issuers/../x", true)]
    [InlineData("/api/offers/..", true)]
    [InlineData("/api/offers/./status", true)]
    [InlineData("/api/offers/abc..def/status", false)]
    [InlineData("/api/offers/abc?next=..", false)]
    public void An_identifier_of_dot_segments_never_reaches_a_service(string path, bool refused)
    {
        Assert.Equal(refused, GaiaX.Oid4vc.WebConsole.Apis.ManagementApiClient.HasDotSegment(path));
    }

    private static string Base64Url(string text) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
