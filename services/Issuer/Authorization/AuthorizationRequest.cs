namespace GaiaX.Oid4vc.Issuer.Authorization;

/// <summary>A validated authorization request (from <c>/par</c>, or directly at <c>/authorize</c>).</summary>
public sealed record AuthorizationRequest
{
    public required string ClientId { get; init; }

    public required string RedirectUri { get; init; }

    public required string CodeChallenge { get; init; }

    public string? State { get; init; }

    public string? IssuerState { get; init; }

    public string? Scope { get; init; }

    /// <summary>Configuration ids requested through <c>authorization_details</c> (type <c>openid_credential</c>).</summary>
    public IReadOnlyList<string> AuthorizationDetailIds { get; init; } = [];

    /// <summary>Configuration ids requested through <c>scope</c>.</summary>
    public IReadOnlyList<string> ScopeIds { get; init; } = [];

    /// <summary>How the client authenticated at <c>/par</c> (<see cref="Clients.ClientAuthenticationMethods"/>); the token request
    /// must authenticate the same way.</summary>
    public string ClientAuthentication { get; init; } = Clients.ClientAuthenticationMethods.None;

    /// <summary>The DPoP key the code is bound to (<c>dpop_jkt</c>, or the DPoP proof sent to <c>/par</c>).</summary>
    public string? DpopJkt { get; init; }
}
