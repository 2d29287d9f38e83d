namespace GaiaX.Oid4vc.Issuer.Credentials;

/// <summary>The keys a verified key attestation attests and the <c>nonce</c> it carries.</summary>
public sealed record AttestedKeys(IReadOnlyList<HolderKey> Keys, string? Nonce);
