namespace GaiaX.Oid4vc.Credentials.Jose;

/// <summary>The outcome of decrypting a JWE: the plaintext, or why it could not be decrypted and of which kind.</summary>
public sealed record JweDecryptionResult(byte[]? Plaintext, string? Error, JweFailure Failure);
