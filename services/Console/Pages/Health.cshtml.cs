using GaiaX.Oid4vc.WebConsole.Apis;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GaiaX.Oid4vc.WebConsole.Pages;

/// <summary>Health: each service's readiness (<c>GET /readyz</c>: its Dapr sidecar and state store answer), refreshed live.</summary>
public sealed class HealthModel(ManagementApiClient api) : PageModel
{
    public IReadOnlyList<(ServiceApi Service, bool Ready, string Answer)> Services { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await CheckAsync(cancellationToken);

    /// <summary>The table alone, for the live refresh.</summary>
    public async Task<IActionResult> OnGetTableAsync(CancellationToken cancellationToken)
    {
        await CheckAsync(cancellationToken);
        return Partial("_Readiness", this);
    }

    private async Task CheckAsync(CancellationToken cancellationToken)
    {
        var answers = await Task.WhenAll(
            Enum.GetValues<ServiceApi>().Select(service => api.GetAsync(service, "/readyz", cancellationToken))
        );
        Services =
        [
            .. answers.Select(a =>
                (a.Service, a.IsSuccess, a.StatusCode == 0 ? a.Message : $"{a.StatusCode} {a.Body?.ToString() ?? ""}".Trim())
            ),
        ];
    }
}
