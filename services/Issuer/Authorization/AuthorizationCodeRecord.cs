namespace GaiaX.Oid4vc.Issuer.Authorization;

/// <summary>An authorization code: what it grants and what the token request must repeat.</summary>
public sealed record AuthorizationCodeRecord
{
    public required AuthorizationRequest Request { get; init; }

    /// <summary>The configurations the End-User (or resolver) approved.</summary>
    public required IReadOnlyList<string> ApprovedConfigurationIds { get; init; }

    public string? OfferId { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }
}
