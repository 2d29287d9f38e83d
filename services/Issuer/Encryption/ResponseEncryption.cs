using System.Security.Cryptography;

namespace GaiaX.Oid4vc.Issuer.Encryption;

/// <summary>A wallet's <c>credential_response_encryption</c>: its public key, the key's <c>kid</c>, <c>enc</c> and <c>zip</c>.</summary>
public sealed record ResponseEncryption(ECParameters Key, string? KeyId, string Enc, string? Zip);
