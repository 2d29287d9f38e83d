namespace GaiaX.Oid4vc.Issuer.Authorization;

/// <summary>The outcome of deciding who an authorization request is for and what they may get.</summary>
public sealed record AuthorizationDecision(
    bool Approved,
    string? OfferId,
    IReadOnlyList<string> ApprovedConfigurationIds,
    string? DenialReason
)
{
    public static AuthorizationDecision Deny(string reason) => new(false, null, [], reason);
}
