using System.Security.Claims;
using GaiaX.Oid4vc.WebConsole.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.WebConsole.Pages;

/// <summary>
/// Sign-in: OpenID Connect at the configured authority (production), or a button that starts a development session
/// (DevHost). The return URL is followed only when it is the console's own.
/// </summary>
public sealed class SignInModel(IOptions<ConsoleOptions> options) : PageModel
{
    public bool Development => !ConsoleAuthentication.UsesOpenIdConnect(options.Value);

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public IActionResult OnGet()
    {
        if (Development)
        {
            return Page();
        }
        return Challenge(new AuthenticationProperties { RedirectUri = SafeReturnUrl }, ConsoleAuthentication.OpenIdConnectScheme);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!Development)
        {
            return NotFound();
        }
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, "developer"), new Claim("sub", "devhost-console")],
            CookieAuthenticationDefaults.AuthenticationScheme
        );
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        return LocalRedirect(SafeReturnUrl);
    }

    private string SafeReturnUrl => ReturnUrl is { } url && Url.IsLocalUrl(url) ? url : "/";
}
