using System.Text.Json;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.WebConsole.Apis;
using GaiaX.Oid4vc.WebConsole.Forms;

namespace GaiaX.Oid4vc.WebConsole.Presentation;

/// <summary>
/// The presentation request form and how it becomes <c>POST /api/presentation-requests</c>; the Verifier's <c>errors</c>
/// go back to their fields (a pointer under <c>/dcql_query</c> to the DCQL editor, naming the member inside the query).
/// </summary>
public sealed class VerifyForm
{
    public const string DcqlField = "dcql_query";

    public string? DcqlQuery { get; set; }

    public string ResponseMode { get; set; } = "direct_post";

    public string? ClientIdPrefix { get; set; }

    public bool Compliance { get; set; }

    /// <summary>The request body, or null with the reason at the DCQL field when the editor does not hold a JSON object.</summary>
    public JsonObject? ToRequest(FormErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        JsonNode? query;
        try
        {
            query = JsonNode.Parse(DcqlQuery ?? "", documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false });
        }
        catch (JsonException invalid)
        {
            errors.Add(DcqlField, $"This is not JSON: {invalid.Message}");
            return null;
        }
        if (query is not JsonObject)
        {
            errors.Add(DcqlField, "The DCQL query is a JSON object with \"credentials\".");
            return null;
        }
        var body = new JsonObject
        {
            ["dcql_query"] = query,
            ["response_mode"] = ResponseMode,
            ["compliance"] = Compliance,
        };
        if (!string.IsNullOrWhiteSpace(ClientIdPrefix))
        {
            body["client_id_prefix"] = ClientIdPrefix;
        }
        return body;
    }

    /// <summary>Puts each of the Verifier's problems at the field it names; the rest above the form.</summary>
    public static void MapErrors(IEnumerable<FieldError> errors, FormErrors into)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(into);
        foreach (var error in errors)
        {
            switch (error.Tokens)
            {
                case ["dcql_query", ..]:
                    var member = error.Below("/dcql_query");
                    into.Add(DcqlField, member.Length == 0 ? error.Detail : $"{member}: {error.Detail}");
                    break;
                case ["response_mode", ..]:
                    into.Add("response_mode", error.Detail);
                    break;
                case ["client_id_prefix", ..]:
                    into.Add("client_id_prefix", error.Detail);
                    break;
                case ["compliance", ..]:
                    into.Add("compliance", error.Detail);
                    break;
                default:
                    into.Add(null, error.Pointer.Length == 0 ? error.Detail : $"{error.Pointer}: {error.Detail}");
                    break;
            }
        }
    }
}
