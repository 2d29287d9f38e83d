using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GaiaX.Oid4vc.WebConsole.Presentation;

/// <summary>
/// A presentation request's status as <c>GET /api/presentation-requests/{id}</c> answers it, for the live status: polled
/// until it is final (rejected or expired; verified, and with compliance asked for, its verdict and the label offer).
/// </summary>
public sealed record RequestStatusView(string RequestId, string? Status, string? Problem, int PollIntervalMilliseconds)
{
    public IReadOnlyList<VerifiedCredentialSummary> Credentials { get; init; } = [];

    public IReadOnlyList<string> Reasons { get; init; } = [];

    public bool ComplianceRequested { get; init; }

    public bool? Compliant { get; init; }

    public IReadOnlyList<string> ComplianceReasons { get; init; } = [];

    /// <summary>The label credential's level (<c>gx:labelLevel</c>: SC, L1, L2, L3) and its id, when one was signed.</summary>
    public string? LabelLevel { get; init; }

    public string? LabelId { get; init; }

    public string? LabelOfferUri { get; init; }

    public bool IsFinal =>
        Status is "rejected" or "expired"
        || (Status == "verified" && (!ComplianceRequested || Compliant == false || (Compliant == true && LabelOfferUri is not null)));

    public static RequestStatusView From(
        string id,
        Apis.ApiResponse answer,
        IReadOnlyDictionary<string, List<string>> registryRoles,
        int pollIntervalMilliseconds
    )
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(registryRoles);
        var problem = answer.IsSuccess ? null : answer.Message;
        if (!answer.IsSuccess || answer.Body is not JsonObject status)
        {
            return new RequestStatusView(id, null, problem, pollIntervalMilliseconds);
        }
        var verified = new List<VerifiedCredentialSummary>();
        foreach (var (queryId, list) in status["verified_credentials"] as JsonObject ?? [])
        {
            verified.AddRange(
                (list as JsonArray ?? []).OfType<JsonObject>().Select(c => VerifiedCredentialSummary.From(queryId, c, registryRoles))
            );
        }
        var compliance = status["compliance"] as JsonObject;
        var label = compliance?["label_credential"]?.ToString() is { } jwt ? Payload(jwt) : null;
        return new RequestStatusView(id, status["status"]?.ToString(), null, pollIntervalMilliseconds)
        {
            Credentials = verified,
            Reasons =
            [
                .. (status["reasons"] as JsonArray ?? [])
                    .OfType<JsonObject>()
                    .Select(r => $"{r["code"]}: {r["description"]}" + (r["credential_query_id"] is { } q ? $" ({q})" : "")),
            ],
            ComplianceRequested = Flag(status["compliance_requested"]) == true,
            Compliant = Flag(compliance?["compliant"]),
            ComplianceReasons = [.. (compliance?["reasons"] as JsonArray ?? []).Select(r => r?.ToString() ?? "")],
            LabelLevel = label?["credentialSubject"]?["gx:labelLevel"]?.ToString(),
            LabelId = label?["id"]?.ToString(),
            LabelOfferUri = status["offer"]?["credential_offer_uri"]?.ToString(),
        };
    }

    /// <summary>A JWT's payload, read (the Verifier has verified it; the page only shows it).</summary>
    /// <summary>A JSON boolean, or null for anything else (the console never fails on an answer's unexpected shape).</summary>
    private static bool? Flag(JsonNode? node) => node is JsonValue value && value.TryGetValue<bool>(out var flag) ? flag : null;

    private static JsonObject? Payload(string jwt)
    {
        var parts = jwt.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }
        try
        {
            var text = parts[1].Replace('-', '+').Replace('_', '/');
            text = text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
            return JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(text))) as JsonObject;
        }
        catch (Exception failure) when (failure is FormatException or JsonException)
        {
            return null;
        }
    }
}
