using System.Text.Json;
using System.Text.Json.Nodes;

namespace GaiaX.Oid4vc.WebConsole.Presentation;

/// <summary>
/// DCQL queries for the credentials the stack issues (README, docs/verifier.md): the LegalPerson as VC-JWT and as SD-JWT VC,
/// the VAT ID registration number, and the Gaia-X participant's three credentials for the compliance label.
/// </summary>
public static class DcqlTemplates
{
    private const string GaiaX = "https://w3id.org/gaia-x/development#";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The templates; <paramref name="legalPersonVct"/> is the SD-JWT VC type the Issuer's metadata names.</summary>
    public static IReadOnlyList<DcqlTemplate> All(string legalPersonVct) =>
        [
            new(
                "legal_person",
                "Legal person (VC-JWT)",
                "The issuer-signed gx:LegalPerson, its legal name.",
                Query(
                    new JsonObject
                    {
                        ["id"] = "legal_person",
                        ["format"] = "jwt_vc_json",
                        ["meta"] = new JsonObject { ["type_values"] = new JsonArray(new JsonArray(GaiaX + "LegalPerson")) },
                        ["claims"] = new JsonArray(new JsonObject { ["path"] = new JsonArray("credentialSubject", "gx:legalName") }),
                    }
                )
            ),
            new(
                "legal_person_sd_jwt",
                "Legal person (SD-JWT VC)",
                "The LegalPerson as SD-JWT VC: only the legal name is disclosed.",
                Query(
                    new JsonObject
                    {
                        ["id"] = "legal_person",
                        ["format"] = "dc+sd-jwt",
                        ["meta"] = new JsonObject { ["vct_values"] = new JsonArray(legalPersonVct) },
                        ["claims"] = new JsonArray(new JsonObject { ["path"] = new JsonArray("legal_name") }),
                    }
                )
            ),
            new(
                "vat_id",
                "VAT ID registration number",
                "The Notary's gx:VatID; it names the participant as subject, so no holder binding is required.",
                Query(
                    new JsonObject
                    {
                        ["id"] = "vat_id",
                        ["format"] = "jwt_vc_json",
                        ["require_cryptographic_holder_binding"] = false,
                        ["meta"] = new JsonObject { ["type_values"] = new JsonArray(new JsonArray(GaiaX + "VatID")) },
                        ["claims"] = new JsonArray(new JsonObject { ["path"] = new JsonArray("credentialSubject", "gx:vatID") }),
                    }
                )
            ),
            new(
                "gaiax_participant",
                "Gaia-X participant (for the label)",
                "LegalPerson, VatID and Issuer (terms and conditions) together, assessed by Compliance.",
                Query(
                    new JsonObject
                    {
                        ["id"] = "gaiax_participant",
                        ["format"] = "jwt_vc_json",
                        ["multiple"] = true,
                        ["meta"] = new JsonObject
                        {
                            ["type_values"] = new JsonArray(
                                new JsonArray(GaiaX + "LegalPerson"),
                                new JsonArray(GaiaX + "VatID"),
                                new JsonArray(GaiaX + "Issuer")
                            ),
                        },
                    }
                ),
                Compliance: true
            ),
        ];

    private static string Query(JsonObject credential) =>
        new JsonObject { ["credentials"] = new JsonArray(credential) }.ToJsonString(Indented);
}
