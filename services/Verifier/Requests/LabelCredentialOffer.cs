namespace GaiaX.Oid4vc.Verifier.Requests;

/// <summary>The Issuer's offer of the label credential.</summary>
public sealed record LabelCredentialOffer
{
    public required string OfferId { get; init; }

    public string? CredentialOfferUri { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}
