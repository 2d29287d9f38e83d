using System.Text.Json;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.WebConsole.Apis;
using GaiaX.Oid4vc.WebConsole.Forms;

namespace GaiaX.Oid4vc.WebConsole.Issuance;

/// <summary>
/// The offer form's values and how they become <c>POST /api/offers</c>, and how the Issuer's <c>errors</c> find their
/// fields again: <c>/claims/{configuration}/{path…}</c> the claim's input, <c>/tx_code/length</c> the length, and so on.
/// </summary>
public sealed class OfferForm
{
    public string? Configuration { get; set; }

    /// <summary>Claim values by the index of their <see cref="ClaimField"/>.</summary>
    public Dictionary<int, string?> Claims { get; set; } = [];

    public string? SubjectId { get; set; }

    public bool RequireTxCode { get; set; } = true;

    public string TxCodeInputMode { get; set; } = "numeric";

    public int? TxCodeLength { get; set; } = 6;

    public string? TxCodeDescription { get; set; }

    public int? ExpiresIn { get; set; }

    public JsonObject ToRequest(CredentialConfigurationView configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var claims = new JsonObject();
        foreach (var field in configuration.Claims)
        {
            if (Claims.GetValueOrDefault(field.Index) is not { } text || string.IsNullOrWhiteSpace(text))
            {
                continue;
            }
            var parent = claims;
            foreach (var key in field.Path.SkipLast(1))
            {
                if (parent[key] is not JsonObject child)
                {
                    parent[key] = child = new JsonObject();
                }
                parent = child;
            }
            parent[field.Path[^1]] = Value(text.Trim());
        }
        var body = new JsonObject
        {
            ["credential_configuration_ids"] = new JsonArray(configuration.Id),
            ["claims"] = new JsonObject { [configuration.Id] = claims },
        };
        if (!string.IsNullOrWhiteSpace(SubjectId))
        {
            body["subject_id"] = SubjectId.Trim();
        }
        if (RequireTxCode)
        {
            var txCode = new JsonObject { ["input_mode"] = TxCodeInputMode };
            if (TxCodeLength is { } length)
            {
                txCode["length"] = length;
            }
            if (!string.IsNullOrWhiteSpace(TxCodeDescription))
            {
                txCode["description"] = TxCodeDescription;
            }
            body["tx_code"] = txCode;
        }
        if (ExpiresIn is { } seconds)
        {
            body["expires_in"] = seconds;
        }
        return body;
    }

    /// <summary>Puts each of the Issuer's problems at the field it names; the rest above the form.</summary>
    public static void MapErrors(IEnumerable<FieldError> errors, CredentialConfigurationView configuration, FormErrors into)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(into);
        foreach (var error in errors)
        {
            var tokens = error.Tokens;
            var field = tokens switch
            {
                ["claims", _, _, ..] => ClaimKey(configuration, [.. tokens.Skip(2)]),
                ["tx_code", var member, ..] => "tx_code." + member,
                ["tx_code"] => "tx_code.input_mode",
                ["subject_id", ..] => "subject_id",
                ["expires_in", ..] => "expires_in",
                ["credential_configuration_ids", ..] => "configuration",
                _ => null,
            };
            into.Add(field, field is null && error.Pointer.Length > 0 ? $"{error.Pointer}: {error.Detail}" : error.Detail);
        }
    }

    /// <summary>The claim whose path is the pointer's, or the nearest one above or below it.</summary>
    private static string? ClaimKey(CredentialConfigurationView configuration, string[] path) =>
        (
            configuration.Claims.FirstOrDefault(c => c.Path.SequenceEqual(path))
            ?? configuration.Claims.FirstOrDefault(c => c.Path.Take(path.Length).SequenceEqual(path))
            ?? configuration.Claims.FirstOrDefault(c => path.Take(c.Path.Count).SequenceEqual(c.Path))
        )?.Key;

    /// <summary>Text as typed, or JSON when it is an object or an array (e.g. <c>gx:registrationNumber</c>).</summary>
    private static JsonNode? Value(string text)
    {
        if (text.StartsWith('{') || text.StartsWith('['))
        {
            try
            {
                return JsonNode.Parse(text);
            }
            catch (JsonException)
            {
                // Not JSON after all: the Issuer says whether a string is acceptable there.
            }
        }
        return JsonValue.Create(text);
    }
}
