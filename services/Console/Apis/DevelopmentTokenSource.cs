namespace GaiaX.Oid4vc.WebConsole.Apis;

/// <summary>
/// Development (DevHost): a token per service, either minted on demand by the host (<paramref name="mint"/>) or
/// configured (<c>Console:DevelopmentTokens:issuer</c>, …). Whoever uses the development sign-in acts with them.
/// </summary>
public sealed class DevelopmentTokenSource(Func<ServiceApi, string?> mint) : IManagementTokenSource
{
    /// <summary>Tokens from configuration, by the service's name in lower case.</summary>
    public static DevelopmentTokenSource FromConfiguration(IReadOnlyDictionary<string, string> tokens) =>
        new(service => tokens.TryGetValue(service.ToString().ToLowerInvariant(), out var token) ? token : null);

    public ValueTask<string?> GetTokenAsync(ServiceApi service, CancellationToken cancellationToken) => ValueTask.FromResult(mint(service));
}
