namespace GaiaX.Oid4vc.Dapr.StatusLists;

/// <summary>A signed list as served: the compact JWT, its media type, and how long it may be reused.</summary>
public sealed record SignedStatusList(string Jwt, string MediaType, TimeSpan Ttl, long Version, DateTimeOffset SignedAt);
