namespace GaiaX.Oid4vc.Dapr.Embedded;

/// <summary>
/// One write of a state transaction. <see cref="ETag"/> non-null: applies only if the stored ETag is
/// still that value. <see cref="CreateOnly"/>: applies only if the key does not exist.
/// </summary>
public sealed record StateWrite(string Key, bool IsDelete, byte[]? Data, string? ETag, bool CreateOnly, DateTimeOffset? ExpiresAt);
