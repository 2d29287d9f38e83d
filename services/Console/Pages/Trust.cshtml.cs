using System.Text.Json.Nodes;
using GaiaX.Oid4vc.WebConsole.Apis;
using GaiaX.Oid4vc.WebConsole.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GaiaX.Oid4vc.WebConsole.Pages;

/// <summary>
/// Trust: the Registry's trust list (anchors, trusted issuers by role, revoked certificates) from its management API, and
/// trusting a DID for a role or no longer trusting it (scopes <c>registry.trust.read</c> / <c>.write</c>).
/// </summary>
public sealed class TrustModel(ManagementApiClient api) : PageModel
{
    public JsonObject? TrustList { get; private set; }

    public FormErrors Errors { get; } = new();

    public string? Changed { get; private set; }

    [BindProperty]
    public string? Role { get; set; }

    [BindProperty]
    public string? Did { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostTrustAsync(CancellationToken cancellationToken)
    {
        var answer = await api.PostJsonAsync(
            ServiceApi.Registry,
            $"/api/management/trusted-issuers/{Uri.EscapeDataString(Role?.Trim() ?? "")}",
            new JsonObject { ["did"] = Did?.Trim() },
            cancellationToken
        );
        Report(answer, $"{Did} is trusted as {Role}.");
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostDistrustAsync(CancellationToken cancellationToken)
    {
        var answer = await api.DeleteAsync(
            ServiceApi.Registry,
            $"/api/management/trusted-issuers/{Uri.EscapeDataString(Role ?? "")}/{Uri.EscapeDataString(Did ?? "")}",
            cancellationToken
        );
        Report(answer, $"{Did} is no longer trusted as {Role}.");
        await LoadAsync(cancellationToken);
        return Page();
    }

    [BindProperty]
    public string? Certificate { get; set; }

    [BindProperty]
    public string? Sha256 { get; set; }

    public async Task<IActionResult> OnPostAddAnchorAsync(CancellationToken cancellationToken)
    {
        var answer = await api.PostJsonAsync(
            ServiceApi.Registry,
            "/api/management/trust-anchors",
            new JsonObject { ["certificate"] = Certificate?.Trim() },
            cancellationToken
        );
        Report(answer, "The certificate is a trust anchor.", "certificate");
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveAnchorAsync(CancellationToken cancellationToken)
    {
        var answer = await api.DeleteAsync(
            ServiceApi.Registry,
            $"/api/management/trust-anchors/{Uri.EscapeDataString(Sha256 ?? "")}",
            cancellationToken
        );
        Report(answer, $"The anchor {Sha256} is no longer trusted.", "certificate");
        await LoadAsync(cancellationToken);
        return Page();
    }

    private void Report(ApiResponse answer, string success, string field = "trusted_issuer")
    {
        if (answer.IsSuccess)
        {
            Changed = success;
        }
        else
        {
            Errors.Add(field, answer.Message);
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var answer = await api.GetAsync(ServiceApi.Registry, "/api/management/trust-list", cancellationToken);
        if (answer.IsSuccess)
        {
            TrustList = answer.Object;
        }
        else
        {
            Errors.Add(null, "The Registry's trust list could not be read: " + answer.Message);
        }
    }
}
