namespace GaiaX.Oid4vc.WebConsole.Apis;

/// <summary>
/// The bearer token the console sends to a service's management API on behalf of the signed-in operator. Tokens stay
/// on the server: no page ever renders one.
/// </summary>
public interface IManagementTokenSource
{
    /// <summary>The token for <paramref name="service"/>, or null when there is none (the API then answers 401).</summary>
    ValueTask<string?> GetTokenAsync(ServiceApi service, CancellationToken cancellationToken);
}
