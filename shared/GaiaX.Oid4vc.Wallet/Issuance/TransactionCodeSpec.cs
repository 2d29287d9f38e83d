namespace GaiaX.Oid4vc.Wallet.Issuance;

/// <summary>The <c>tx_code</c> object: how the wallet should ask the user for the code.</summary>
public sealed record TransactionCodeSpec(string InputMode, int? Length, string? Description);
