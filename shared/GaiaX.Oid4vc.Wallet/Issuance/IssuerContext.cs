namespace GaiaX.Oid4vc.Wallet.Issuance;

/// <summary>What the wallet learnt about one Credential Issuer: its metadata and its authorization server's.</summary>
public sealed record IssuerContext(IssuerMetadata Issuer, AuthorizationServerMetadata AuthorizationServer);
