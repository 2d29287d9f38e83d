namespace GaiaX.Oid4vc.Verifier.Responses;

/// <summary>The outcome of decrypting a JWE: the plaintext, or why it could not be decrypted.</summary>
public sealed record JweDecryptionResult(byte[]? Plaintext, string? Error);
