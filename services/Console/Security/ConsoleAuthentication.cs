using GaiaX.Oid4vc.WebConsole.Apis;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GaiaX.Oid4vc.WebConsole.Security;

/// <summary>
/// Who may use the console: a cookie session, started by OpenID Connect against <c>Console:Authority</c> (the access token
/// is saved in the encrypted cookie and forwarded to the services), or in development by the sign-in button. Every page
/// but the sign-in needs the session; an anonymous request is sent to <c>/signin</c>.
/// </summary>
public static class ConsoleAuthentication
{
    public const string CookieName = "gaiax-console";

    public static WebApplicationBuilder AddConsoleAuthentication(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = builder.Configuration.GetSection(ConsoleOptions.SectionName).Get<ConsoleOptions>() ?? new ConsoleOptions();
        var authentication = builder.Services.AddAuthentication(o =>
        {
            o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            o.DefaultChallengeScheme = CookieAuthenticationDefaults.AuthenticationScheme;
        });
        authentication.AddCookie(o =>
        {
            o.LoginPath = "/signin";
            o.LogoutPath = "/signout";
            o.AccessDeniedPath = "/signin";
            o.Cookie.Name = CookieName;
            o.Cookie.HttpOnly = true;
            // Lax, not Strict: the OpenID provider's redirect back is a cross-site navigation that must carry the session.
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = false;
            // A live-status request of htmx whose session ended gets no sign-in page to swap into the status: htmx is told to
            // send the whole page to the sign-in instead.
            o.Events.OnRedirectToLogin = context =>
            {
                if (context.Request.Headers.ContainsKey("HX-Request"))
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    context.Response.Headers["HX-Redirect"] = new Uri(context.RedirectUri, UriKind.RelativeOrAbsolute).IsAbsoluteUri
                        ? new Uri(context.RedirectUri).PathAndQuery
                        : context.RedirectUri;
                    return Task.CompletedTask;
                }
                context.Response.Redirect(context.RedirectUri);
                return Task.CompletedTask;
            };
        });
        if (!string.IsNullOrWhiteSpace(settings.Authority))
        {
            authentication.AddOpenIdConnect(o =>
            {
                o.Authority = settings.Authority;
                o.ClientId = settings.ClientId;
                o.ClientSecret = settings.ClientSecret;
                o.ResponseType = "code";
                o.UsePkce = true;
                o.SaveTokens = true;
                // The session ends with the provider's token: afterwards the services would refuse the saved access token.
                o.UseTokenLifetime = true;
                o.MapInboundClaims = false;
                o.GetClaimsFromUserInfoEndpoint = true;
                o.RequireHttpsMetadata = settings.Authority!.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
                o.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                o.CallbackPath = "/signin-oidc";
                o.SignedOutCallbackPath = "/signout-callback-oidc";
                o.TokenValidationParameters.NameClaimType = "name";
                foreach (var scope in settings.Scope.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    o.Scope.Add(scope);
                }
            });
            builder.Services.AddHttpContextAccessor();
            builder.Services.TryAddScoped<IManagementTokenSource, SignedInUserTokenSource>();
        }
        else
        {
            builder.Services.TryAddSingleton<IManagementTokenSource>(DevelopmentTokenSource.FromConfiguration(settings.DevelopmentTokens));
        }
        builder.Services.AddAuthorization();
        return builder;
    }

    /// <summary>Whether the OpenID Connect sign-in is configured (otherwise the development sign-in is).</summary>
    public static bool UsesOpenIdConnect(ConsoleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return !string.IsNullOrWhiteSpace(options.Authority);
    }

    public const string OpenIdConnectScheme = OpenIdConnectDefaults.AuthenticationScheme;
}
