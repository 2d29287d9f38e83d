namespace GaiaX.Oid4vc.Wallet.Issuance;

/// <summary>The attack-potential-resistance levels an issuer accepts for attested keys (empty: any).</summary>
public sealed record KeyAttestationRequirement(IReadOnlyList<string> KeyStorage, IReadOnlyList<string> UserAuthentication);
