using System.Text.Json;
using GaiaX.Oid4vc.Dapr.State;
using GaiaX.Oid4vc.Issuer.Metadata;
using GaiaX.Oid4vc.Issuer.Protocol;
using GaiaX.Oid4vc.Credentials.Protocol;

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
