namespace GaiaX.Oid4vc.Dapr.State;

/// <summary>A value read together with its ETag, for a later compare-and-swap.</summary>
public sealed record VersionedState<T>(T Value, string ETag);
