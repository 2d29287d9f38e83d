using Microsoft.AspNetCore.Authentication;

namespace GaiaX.Oid4vc.WebConsole.Apis;

/// <summary>
/// Production: the signed-in operator's own access token from the OpenID Connect sign-in (saved in the encrypted
/// authentication cookie), forwarded to every service. The services decide what it may do by its audience and scopes.
/// </summary>
public sealed class SignedInUserTokenSource(IHttpContextAccessor context) : IManagementTokenSource
{
    public async ValueTask<string?> GetTokenAsync(ServiceApi service, CancellationToken cancellationToken) =>
        context.HttpContext is { } http ? await http.GetTokenAsync("access_token").ConfigureAwait(false) : null;
}
