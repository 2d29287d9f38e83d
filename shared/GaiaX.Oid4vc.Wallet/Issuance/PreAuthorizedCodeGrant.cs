namespace GaiaX.Oid4vc.Wallet.Issuance;

/// <summary>The pre-authorized code grant of an offer (OpenID4VCI 1.0 §4.1.1).</summary>
public sealed record PreAuthorizedCodeGrant(string PreAuthorizedCode, TransactionCodeSpec? TransactionCode, string? AuthorizationServer);
