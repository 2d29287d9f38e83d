namespace GaiaX.Oid4vc.Wallet.Participant;

/// <summary>A postal address as the Gaia-X 25.11 <c>gx:Address</c> shape has it (country code required).</summary>
public sealed record GaiaXAddress(
    string CountryCode,
    string? Locality = null,
    string? PostalCode = null,
    string? StreetAddress = null,
    string? Region = null
);
