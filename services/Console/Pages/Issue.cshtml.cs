using System.Text.Json.Nodes;
using GaiaX.Oid4vc.WebConsole.Apis;
using GaiaX.Oid4vc.WebConsole.Forms;
using GaiaX.Oid4vc.WebConsole.Issuance;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.WebConsole.Pages;

/// <summary>
/// Issue: pick a credential configuration, fill the form generated from its claims metadata, choose the tx_code, and
/// get the offer (URI, QR code, tx_code) with its live status.
/// </summary>
public sealed class IssueModel(ManagementApiClient api, IOptions<ConsoleOptions> options) : PageModel
{
    public IReadOnlyList<CredentialConfigurationView> Configurations { get; private set; } = [];

    public CredentialConfigurationView? Selected { get; private set; }

    [BindProperty]
    public OfferForm Form { get; set; } = new();

    public FormErrors Errors { get; } = new();

    public CreatedOfferView? Created { get; private set; }

    public OfferStatusView? Status { get; private set; }

    public async Task OnGetAsync(string? configuration, CancellationToken cancellationToken)
    {
        await LoadAsync(configuration, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(Form.Configuration, cancellationToken);
        if (Selected is null)
        {
            Errors.Add("configuration", "Choose a credential configuration the Issuer offers.");
            return Page();
        }
        var created = await api.PostJsonAsync(ServiceApi.Issuer, "/api/offers", Form.ToRequest(Selected), cancellationToken);
        if (!created.IsSuccess || created.Object is not { } offer)
        {
            OfferForm.MapErrors(created.Errors, Selected, Errors);
            if (created.Errors.Count == 0)
            {
                Errors.Add(null, created.Message);
            }
            return Page();
        }
        var id = offer["offer_id"]!.ToString();
        Created = new CreatedOfferView(
            id,
            offer["offer_uri"]?.ToString() ?? "",
            offer["tx_code"]?.ToString(),
            offer["expires_at"]?.ToString(),
            await api.GetImageDataUrlAsync(ServiceApi.Issuer, $"/api/offers/{Uri.EscapeDataString(id)}/qr.png", cancellationToken)
        );
        Status = await StatusAsync(id, cancellationToken);
        return Page();
    }

    /// <summary>The live status (htmx polls it until it is final).</summary>
    public async Task<IActionResult> OnGetStatusAsync(string id, CancellationToken cancellationToken) =>
        Partial("_OfferStatus", await StatusAsync(id, cancellationToken));

    private async Task<OfferStatusView> StatusAsync(string id, CancellationToken cancellationToken)
    {
        var escaped = Uri.EscapeDataString(id);
        var answer = await api.GetAsync(ServiceApi.Issuer, $"/api/offers/{escaped}", cancellationToken);
        var status = new OfferStatusView(
            id,
            answer.Object?["status"]?.ToString(),
            answer.Object?["reason"]?.ToString(),
            answer.IsSuccess ? null : answer.Message,
            options.Value.PollIntervalMilliseconds
        );
        if (status.Status == "issued")
        {
            var credentials = await api.GetAsync(ServiceApi.Issuer, $"/api/credentials?offer_id={escaped}", cancellationToken);
            status = status with { Credentials = [.. (credentials.Object?["credentials"] as JsonArray ?? []).OfType<JsonObject>()] };
        }
        return status;
    }

    private async Task LoadAsync(string? configuration, CancellationToken cancellationToken)
    {
        var metadata = await api.GetAsync(ServiceApi.Issuer, IssuerMetadataReader.Path, cancellationToken);
        if (!metadata.IsSuccess)
        {
            Errors.Add(null, "The Issuer's metadata could not be read: " + metadata.Message);
            return;
        }
        Configurations = IssuerMetadataReader.Configurations(metadata.Object);
        Selected = Configurations.FirstOrDefault(c => c.Id == configuration)
            ?? (configuration is null ? Configurations.FirstOrDefault(c => c.Claims.Count > 0) : null);
        Form.Configuration = Selected?.Id;
    }
}
