using GaiaX.Oid4vc.ServiceDefaults;
using GaiaX.Oid4vc.WebConsole.Apis;
using GaiaX.Oid4vc.WebConsole.Security;
using Microsoft.Extensions.Http.Resilience;

namespace GaiaX.Oid4vc.WebConsole;

public static class ConsoleServiceCollectionExtensions
{
    /// <summary>The console's settings, sign-in, pages with antiforgery, and the client of the services' public APIs.</summary>
    public static WebApplicationBuilder AddConsoleServices(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddValidatedOptions<ConsoleOptions>(ConsoleOptions.SectionName);
        builder.AddConsoleAuthentication();
        builder
            .Services.AddRazorPages(pages =>
            {
                pages.Conventions.AuthorizeFolder("/");
                pages.Conventions.AllowAnonymousToPage("/SignIn");
            })
            .AddViewOptions(views => views.HtmlHelperOptions.ClientValidationEnabled = false);
        builder.Services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "gaiax-console-csrf";
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            antiforgery.HeaderName = "X-CSRF-TOKEN";
        });
        // A POST (an offer, a presentation request, a revocation) is never repeated behind the operator's back.
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is marked for evaluation; the services use it too.
        builder
            .Services.AddHttpClient<ManagementApiClient>()
            .RemoveAllResilienceHandlers()
            .AddStandardResilienceHandler(resilience => resilience.Retry.DisableForUnsafeHttpMethods());
#pragma warning restore EXTEXP0001
        return builder;
    }
}
