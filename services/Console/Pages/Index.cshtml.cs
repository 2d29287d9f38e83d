using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GaiaX.Oid4vc.WebConsole.Pages;

/// <summary>The overview: what each page does.</summary>
public sealed class IndexModel : PageModel
{
    public void OnGet() { }
}
