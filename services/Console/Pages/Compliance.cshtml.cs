using System.Text.Json.Nodes;
using GaiaX.Oid4vc.WebConsole.Apis;
using GaiaX.Oid4vc.WebConsole.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GaiaX.Oid4vc.WebConsole.Pages;

/// <summary>
/// Compliance: a VP-JWT assessed by the compliance engine (<c>POST /api/assessments</c>, nothing signed): every failure by
/// criterion, or the label level with the criteria each higher level still misses.
/// </summary>
public sealed class ComplianceModel(ManagementApiClient api) : PageModel
{
    [BindProperty]
    public string? Presentation { get; set; }

    public JsonObject? Report { get; private set; }

    public FormErrors Errors { get; } = new();

    /// <summary>The failures grouped by criterion, in the order the chain found them.</summary>
    public IEnumerable<IGrouping<string, JsonObject>> FailuresByCriterion =>
        (Report?["failures"] as JsonArray ?? []).OfType<JsonObject>().GroupBy(f => f["criterion"]?.ToString() ?? "");

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var text = Presentation?.Trim() ?? "";
        if (text.Length == 0)
        {
            Errors.Add("presentation", "Paste a VP-JWT (three base64url parts separated by dots).");
            return Page();
        }
        var answer = await api.PostTextAsync(ServiceApi.Compliance, "/api/assessments", text, "application/vp+jwt", cancellationToken);
        if (answer.IsSuccess && answer.Object is { } report)
        {
            Report = report;
        }
        else
        {
            Errors.Add("presentation", answer.Message);
        }
        return Page();
    }
}
