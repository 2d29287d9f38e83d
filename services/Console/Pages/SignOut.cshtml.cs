using GaiaX.Oid4vc.WebConsole.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.WebConsole.Pages;

/// <summary>Ends the session (and, with OpenID Connect, at the provider too).</summary>
public sealed class SignOutModel(IOptions<ConsoleOptions> options) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    public IActionResult OnPost()
    {
        var properties = new AuthenticationProperties { RedirectUri = "/signin" };
        return ConsoleAuthentication.UsesOpenIdConnect(options.Value)
            ? SignOut(properties, CookieAuthenticationDefaults.AuthenticationScheme, ConsoleAuthentication.OpenIdConnectScheme)
            : SignOut(properties, CookieAuthenticationDefaults.AuthenticationScheme);
    }
}
