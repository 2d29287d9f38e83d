namespace GaiaX.Oid4vc.Verifier.Requests;

/// <summary>An ephemeral P-256 key pair (base64url coordinates) the wallet encrypts its response to.</summary>
public sealed record EphemeralEncryptionKey(string Kid, string X, string Y, string D);
