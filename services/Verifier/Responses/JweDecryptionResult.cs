using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GaiaX.Oid4vc.ServiceDefaults;
using GaiaX.Oid4vc.Verifier.Requests;

namespace GaiaX.Oid4vc.Verifier.Responses;

/// <summary>The outcome of decrypting a JWE: the plaintext, or why it could not be decrypted.</summary>
public sealed record JweDecryptionResult(byte[]? Plaintext, string? Error);
