namespace GaiaX.Oid4vc.Dapr.State;

/// <summary>
/// One write of a state transaction (<see cref="IDaprStateStore.TryWriteAllAsync"/>): an upsert, a create-only write
/// (<see cref="CreateOnly"/>) or a write conditional on the stored <see cref="ETag"/>.
/// </summary>
public sealed record StateChange
{
    private StateChange(string key, object value, TimeSpan? ttl)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        (Key, Value, Ttl) = (key, value, ttl);
    }

    public string Key { get; }

    public object Value { get; }

    public TimeSpan? Ttl { get; }

    /// <summary>Applies only if the key does not exist yet.</summary>
    public bool CreateOnly { get; private init; }

    /// <summary>Applies only if the stored ETag is still this one.</summary>
    public string? ETag { get; private init; }

    /// <summary>Last write wins.</summary>
    public static StateChange Upsert(string key, object value, TimeSpan? ttl = null) => new(key, value, ttl);

    /// <summary>First write wins: the transaction fails when <paramref name="key"/> exists.</summary>
    public static StateChange Create(string key, object value, TimeSpan? ttl = null) => new(key, value, ttl) { CreateOnly = true };

    /// <summary>The transaction fails when <paramref name="key"/>'s ETag is no longer <paramref name="etag"/>.</summary>
    public static StateChange Replace(string key, object value, string etag, TimeSpan? ttl = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(etag);
        return new(key, value, ttl) { ETag = etag };
    }
}
