using System.Text.Json.Nodes;
using GaiaX.Oid4vc.WebConsole.Apis;
using GaiaX.Oid4vc.WebConsole.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GaiaX.Oid4vc.WebConsole.Pages;

/// <summary>
/// Credentials: the Issuer's issued credentials of an offer or a subject with their status, and revoke, suspend or
/// unsuspend one with a reason (<c>/api/credentials</c>, scope <c>issuer.credentials.status</c>).
/// </summary>
public sealed class CredentialsModel(ManagementApiClient api) : PageModel
{
    private static readonly string[] Actions = ["revoke", "suspend", "unsuspend"];

    [BindProperty(SupportsGet = true, Name = "offer_id")]
    public string? OfferId { get; set; }

    [BindProperty(SupportsGet = true, Name = "subject_id")]
    public string? SubjectId { get; set; }

    public IReadOnlyList<JsonObject>? Found { get; private set; }

    public FormErrors Errors { get; } = new();

    public string? Changed { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await FindAsync(cancellationToken);

    public async Task<IActionResult> OnPostChangeAsync(string id, string action, string? reason, CancellationToken cancellationToken)
    {
        if (!Actions.Contains(action) || string.IsNullOrEmpty(id))
        {
            Errors.Add(null, "Choose revoke, suspend or unsuspend for a listed credential.");
        }
        else
        {
            var body = string.IsNullOrWhiteSpace(reason) ? null : new JsonObject { ["reason"] = reason.Trim() };
            var answer = await api.PostJsonAsync(
                ServiceApi.Issuer,
                $"/api/credentials/{Uri.EscapeDataString(id)}/{action}",
                body,
                cancellationToken
            );
            if (answer.IsSuccess)
            {
                Changed = $"Credential {id} is now {answer.Object?["status"]}.";
            }
            else
            {
                Errors.Add(null, answer.Message);
            }
        }
        await FindAsync(cancellationToken);
        return Page();
    }

    private async Task FindAsync(CancellationToken cancellationToken)
    {
        var query =
            !string.IsNullOrWhiteSpace(OfferId) ? $"offer_id={Uri.EscapeDataString(OfferId.Trim())}"
            : !string.IsNullOrWhiteSpace(SubjectId) ? $"subject_id={Uri.EscapeDataString(SubjectId.Trim())}"
            : null;
        if (query is null)
        {
            return;
        }
        var answer = await api.GetAsync(ServiceApi.Issuer, "/api/credentials?" + query, cancellationToken);
        if (!answer.IsSuccess)
        {
            foreach (var error in answer.Errors)
            {
                Errors.Add(error.Pointer.TrimStart('/'), error.Detail);
            }
            if (answer.Errors.Count == 0)
            {
                Errors.Add(null, answer.Message);
            }
            return;
        }
        Found = [.. (answer.Object?["credentials"] as JsonArray ?? []).OfType<JsonObject>()];
    }
}
