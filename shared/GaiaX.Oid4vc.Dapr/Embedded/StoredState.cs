namespace GaiaX.Oid4vc.Dapr.Embedded;

/// <summary>A stored state item. <see cref="ExpiresAt"/> is <c>null</c> for items without TTL.</summary>
public sealed record StoredState(byte[] Data, string ETag, DateTimeOffset? ExpiresAt);
