namespace GaiaX.Oid4vc.WebConsole.Issuance;

/// <summary>An offer the Issuer created: what the holder's wallet needs (URI or QR code, and the tx_code out of band).</summary>
public sealed record CreatedOfferView(string OfferId, string OfferUri, string? TxCode, string? ExpiresAt, string? QrDataUrl);
