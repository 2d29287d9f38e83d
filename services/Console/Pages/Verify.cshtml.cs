using System.Text.Json.Nodes;
using GaiaX.Oid4vc.WebConsole.Apis;
using GaiaX.Oid4vc.WebConsole.Forms;
using GaiaX.Oid4vc.WebConsole.Issuance;
using GaiaX.Oid4vc.WebConsole.Presentation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.WebConsole.Pages;

/// <summary>
/// Verify: a DCQL query (from a template or written by hand) becomes a presentation request; the page shows its QR code
/// and follows it live: the verified claims, holder binding and trust, and the compliance verdict and label when asked for.
/// </summary>
public sealed class VerifyModel(ManagementApiClient api, IOptions<ConsoleOptions> options) : PageModel
{
    public IReadOnlyList<DcqlTemplate> Templates { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? Template { get; set; }

    [BindProperty]
    public VerifyForm Form { get; set; } = new();

    public FormErrors Errors { get; } = new();

    public CreatedRequestView? Created { get; private set; }

    public RequestStatusView? Status { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadTemplatesAsync(cancellationToken);
        var template = Templates.FirstOrDefault(t => t.Id == Template) ?? Templates[0];
        Template = template.Id;
        Form = new VerifyForm { DcqlQuery = template.DcqlQuery, Compliance = template.Compliance };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadTemplatesAsync(cancellationToken);
        if (Form.ToRequest(Errors) is not { } body)
        {
            return Page();
        }
        var created = await api.PostJsonAsync(ServiceApi.Verifier, "/api/presentation-requests", body, cancellationToken);
        if (!created.IsSuccess || created.Object is not { } request)
        {
            VerifyForm.MapErrors(created.Errors, Errors);
            if (created.Errors.Count == 0)
            {
                Errors.Add(null, created.Message);
            }
            return Page();
        }
        var id = request["request_id"]!.ToString();
        Created = new CreatedRequestView(
            id,
            request["authorization_request_uri"]?.ToString() ?? "",
            request["expires_at"]?.ToString(),
            await api.GetImageDataUrlAsync(
                ServiceApi.Verifier,
                $"/api/presentation-requests/{Uri.EscapeDataString(id)}/qr.png",
                cancellationToken
            )
        );
        Status = await StatusAsync(id, cancellationToken);
        return Page();
    }

    /// <summary>The live status (htmx polls it until it is final).</summary>
    public async Task<IActionResult> OnGetStatusAsync(string id, CancellationToken cancellationToken) =>
        Partial("_RequestStatus", await StatusAsync(id, cancellationToken));

    private async Task<RequestStatusView> StatusAsync(string id, CancellationToken cancellationToken)
    {
        var answer = await api.GetAsync(ServiceApi.Verifier, $"/api/presentation-requests/{Uri.EscapeDataString(id)}", cancellationToken);
        var roles = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (answer.Object?["verified_credentials"] is JsonObject)
        {
            // Which roles the Registry trusts each issuer for: shown beside the Verifier's own trust decision.
            var trustList = await api.GetAsync(ServiceApi.Registry, "/api/management/trust-list", cancellationToken);
            foreach (var (role, issuers) in trustList.Object?["trusted_issuers"] as JsonObject ?? [])
            {
                foreach (var issuer in (issuers as JsonArray ?? []).Select(i => i?.ToString()).OfType<string>())
                {
                    if (!roles.TryGetValue(issuer, out var list))
                    {
                        roles[issuer] = list = [];
                    }
                    list.Add(role);
                }
            }
        }
        return RequestStatusView.From(id, answer, roles, options.Value.PollIntervalMilliseconds);
    }

    private async Task LoadTemplatesAsync(CancellationToken cancellationToken)
    {
        var metadata = await api.GetAsync(ServiceApi.Issuer, IssuerMetadataReader.Path, cancellationToken);
        var vct = metadata.Object?["credential_configurations_supported"]?["LegalPerson_dc_sd_jwt"]?["vct"]?.ToString()
            ?? new Uri(options.Value.Services.Of(ServiceApi.Issuer), "/types/LegalPerson_dc_sd_jwt").ToString();
        Templates = DcqlTemplates.All(vct);
    }
}
