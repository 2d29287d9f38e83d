namespace GaiaX.Oid4vc.Dapr.Embedded;

/// <summary>
/// Where one embedded sidecar listens and the app token it sends (daprd's <c>--dapr-grpc-port</c>,
/// <c>--dapr-http-port</c> and <c>APP_API_TOKEN</c>). Port 0 means a free port.
/// </summary>
public sealed record EmbeddedSidecarSettings
{
    public int GrpcPort { get; init; }

    public int HttpPort { get; init; }

    /// <summary>
    /// The token the app must send in <c>dapr-api-token</c> with every gRPC call (daprd's <c>DAPR_API_TOKEN</c>);
    /// <c>null</c> accepts any caller (the in-process sidecars of DevHost and the tests).
    /// </summary>
    public string? ApiToken { get; init; }

    /// <summary>The token sent to the app in <c>dapr-api-token</c>; <c>null</c> for a fresh random one.</summary>
    public string? AppApiToken { get; init; }
}
