using System.Text.Json;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Credentials.Jose;

namespace GaiaX.Oid4vc.Issuer.Credentials;

/// <summary>
/// The key of a wallet's proof: <c>kid</c> with a <c>did:jwk</c> DID URL resolves here (the key is
/// in the identifier, no fetch); every other case (<c>jwk</c>, <c>x5c</c>, <c>did:web</c> kids)
/// goes to the credential core's <see cref="HolderProofKeyResolver"/>.
/// </summary>
public sealed class HolderKeyResolver(HolderProofKeyResolver core) : IJwsKeyResolver
{
    public ValueTask<VerificationResult<ResolvedKey>> ResolveAsync(ParsedJws jws, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(jws);
        if (jws.KeyId is not { } kid || !kid.StartsWith("did:jwk:", StringComparison.Ordinal))
        {
            return core.ResolveAsync(jws, cancellationToken);
        }
        if (jws.Header.TryGetProperty("jwk", out _) || jws.Header.TryGetProperty("x5c", out _))
        {
            return ValueTask.FromResult(VerificationResult<ResolvedKey>.Fail(VerificationFailure.InvalidKey, "Exactly one of jwk, kid and x5c must be in the header."));
        }
        var hash = kid.IndexOf('#', StringComparison.Ordinal);
        var did = hash < 0 ? kid : kid[..hash];
        JsonObject? jwk;
        try
        {
            jwk = JsonNode.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(did.AsSpan("did:jwk:".Length))) as JsonObject;
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            jwk = null;
        }
        if (jwk is null)
        {
            return ValueTask.FromResult(VerificationResult<ResolvedKey>.Fail(VerificationFailure.InvalidKey, "The kid is not a valid did:jwk."));
        }
        var key = Jwk.ParsePublic(jwk);
        if (!key.Succeeded)
        {
            return ValueTask.FromResult(VerificationResult<ResolvedKey>.Fail(key.Error));
        }
        if (!key.Value.IsCompatibleWith(jws.Algorithm))
        {
            key.Value.Dispose();
            return ValueTask.FromResult(VerificationResult<ResolvedKey>.Fail(VerificationFailure.KeyAlgorithmMismatch, $"The did:jwk key cannot verify {jws.Algorithm}."));
        }
        return ValueTask.FromResult(VerificationResult<ResolvedKey>.Success(new ResolvedKey(key.Value) { Controller = did, KeyId = kid }));
    }
}
