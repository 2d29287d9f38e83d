namespace GaiaX.Oid4vc.Dapr.Hosting;

/// <summary>Marks a route only the Dapr sidecar may call (an event route, <c>/dapr/subscribe</c>).</summary>
public sealed class DaprAppRouteMetadata
{
    public static readonly DaprAppRouteMetadata Instance = new();

    private DaprAppRouteMetadata() { }
}
