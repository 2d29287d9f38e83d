namespace GaiaX.Oid4vc.Issuer.Offers;

/// <summary>
/// The shape of the offer ids the Issuer mints: a base64url handle (<see cref="Protocol.Secrets.NewHandle"/>,
/// 16 bytes → 22 characters) or <c>label-</c> + 32 hex digits (<c>ComplianceAssessedHandler</c>).
/// An id of any other shape was never minted here, so it is unknown without a state read — and a
/// state key is never built from it (Dapr reserves <c>||</c> in keys; a crafted id must not reach one).
/// </summary>
public static class OfferIds
{
    /// <summary>Longer than any id minted here.</summary>
    public const int MaxLength = 64;

    public static bool IsWellFormed(string? id) =>
        id is { Length: > 0 and <= MaxLength } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
