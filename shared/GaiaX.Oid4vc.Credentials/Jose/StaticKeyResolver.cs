namespace GaiaX.Oid4vc.Credentials.Jose;

/// <summary>Keys known in advance, by <c>kid</c> (tests, benchmarks, pinned keys).</summary>
public sealed class StaticKeyResolver : IJwsKeyResolver
{
    private readonly Dictionary<string, ResolvedKey> _keys = new(StringComparer.Ordinal);

    public StaticKeyResolver Add(string keyId, VerificationKey key, string? controller = null)
    {
        _keys[keyId] = new ResolvedKey(key) { KeyId = keyId, Controller = controller };
        return this;
    }

    public ValueTask<VerificationResult<ResolvedKey>> ResolveAsync(ParsedJws jws, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(jws);
        return ValueTask.FromResult(
            jws.KeyId is not null && _keys.TryGetValue(jws.KeyId, out var key)
                ? VerificationResult<ResolvedKey>.Success(key)
                : VerificationResult<ResolvedKey>.Fail(VerificationFailure.KeyNotFound, $"No key is known for kid '{jws.KeyId}'.")
        );
    }
}
