using GaiaX.Oid4vc.Issuer.Protocol;
using GaiaX.Oid4vc.Dapr.State;

namespace GaiaX.Oid4vc.Issuer.Nonce;

/// <summary><c>c_nonce</c> values: unpredictable, short-lived, each accepted in one credential request only.</summary>
public interface INonceStore
{
    Task<string> CreateAsync(CancellationToken cancellationToken);

    /// <summary>True for the one caller that redeems a live nonce; false when unknown, used or expired.</summary>
    Task<bool> TryConsumeAsync(string nonce, CancellationToken cancellationToken);
}

public sealed class NonceStore(IDaprStateStore state, TimeProvider time, Microsoft.Extensions.Options.IOptions<IssuerOptions> options) : INonceStore
{
    public async Task<string> CreateAsync(CancellationToken cancellationToken)
    {
        var nonce = Secrets.NewHandle();
        var lifetime = TimeSpan.FromSeconds(options.Value.NonceLifetimeSeconds);
        await state.SaveAsync(Key(nonce), new NonceRecord(time.GetUtcNow() + lifetime), lifetime, cancellationToken).ConfigureAwait(false);
        return nonce;
    }

    public async Task<bool> TryConsumeAsync(string nonce, CancellationToken cancellationToken)
    {
        var record = await state.ConsumeOnceAsync<NonceRecord>(Key(nonce), cancellationToken).ConfigureAwait(false);
        return record is not null && time.GetUtcNow() < record.ExpiresAt;
    }

    private static string Key(string nonce) => "c-nonce:" + Secrets.Hash(nonce);

    private sealed record NonceRecord(DateTimeOffset ExpiresAt);
}
