using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Credentials.Jose;

namespace GaiaX.Oid4vc.Issuer.Clients;

/// <summary>
/// The public keys of a JWKS configured for a client or a wallet provider: a JWS names its key by <c>kid</c>, or, without
/// one, the set must hold exactly one key for its <c>alg</c>.
/// </summary>
public sealed class JwksKeyResolver : IJwsKeyResolver
{
    private readonly List<(string? KeyId, VerificationKey Key)> _keys;

    private JwksKeyResolver(List<(string? KeyId, VerificationKey Key)> keys) => _keys = keys;

    /// <summary>Parses JWKS text; the error says what is wrong (for the setting's validation message).</summary>
    public static bool TryParse(string? jwks, out JwksKeyResolver? resolver, out string error)
    {
        resolver = null;
        error = string.Empty;
        JsonArray? keys;
        try
        {
            keys = JsonNode.Parse(jwks ?? string.Empty) is JsonObject set ? set["keys"] as JsonArray : null;
        }
        catch (System.Text.Json.JsonException)
        {
            keys = null;
        }
        if (keys is null || keys.Count == 0)
        {
            error = "must be a JWKS ({\"keys\":[…]}) with at least one key";
            return false;
        }
        var parsed = new List<(string?, VerificationKey)>(keys.Count);
        foreach (var key in keys)
        {
            if (key is not JsonObject jwk)
            {
                error = "every key must be a JWK object";
                return false;
            }
            var result = Jwk.ParsePublic(jwk);
            if (!result.Succeeded)
            {
                error = "a key is not a usable public JWK: " + result.Error.Message;
                return false;
            }
            parsed.Add(((string?)jwk["kid"], result.Value));
        }
        resolver = new JwksKeyResolver(parsed);
        return true;
    }

    public ValueTask<VerificationResult<ResolvedKey>> ResolveAsync(ParsedJws jws, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(jws);
        var candidates = _keys
            .Where(k => (jws.KeyId is null || k.KeyId == jws.KeyId) && k.Key.IsCompatibleWith(jws.Algorithm))
            .Take(2)
            .ToList();
        return ValueTask.FromResult(
            candidates.Count == 1
                ? VerificationResult<ResolvedKey>.Success(new ResolvedKey(candidates[0].Key) { KeyId = candidates[0].KeyId })
                : VerificationResult<ResolvedKey>.Fail(
                    VerificationFailure.KeyNotFound,
                    candidates.Count == 0
                        ? $"No registered key fits kid '{jws.KeyId}' and alg {jws.Algorithm}."
                        : "Several registered keys fit; the JWS must name its key with kid."
                )
        );
    }
}
