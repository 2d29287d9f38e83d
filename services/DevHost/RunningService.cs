namespace GaiaX.Oid4vc.DevHost;

/// <summary>A service DevHost started, and where it listens.</summary>
public sealed record RunningService(string Name, Uri BaseUrl, WebApplication App);
