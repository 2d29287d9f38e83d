using System.Globalization;
using GaiaX.Oid4vc.Dapr.Embedded;

namespace GaiaX.Oid4vc.DevHost;

/// <summary>
/// <c>DevHost sidecar</c>: the embedded Dapr sidecar as a process of its own beside one service process,
/// as daprd runs beside its app in a pod: the Dapr gRPC API on <c>--dapr-grpc-port</c>, the health probes on
/// <c>--dapr-http-port</c>, state and pub/sub in the Redis every sidecar shares, events delivered to the app
/// on <c>--app-port</c> with the <c>APP_API_TOKEN</c> of the environment (daprd's flag and variable names).
/// </summary>
public static class SidecarCommand
{
    public const string UsageText = """
        usage: DevHost sidecar --app-id ID --app-port N --dapr-grpc-port N --dapr-http-port N --redis CONNECTION
        The embedded Dapr sidecar as its own process (what daprd is in a pod). APP_API_TOKEN (environment) is the
        token it sends to the app, DAPR_API_TOKEN (optional) the one the app must send to it; the app finds it at
        DAPR_GRPC_ENDPOINT=http://127.0.0.1:<dapr-grpc-port>.
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken stopping)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (args.Any(a => a is "-h" or "--help"))
        {
            output.WriteLine(UsageText);
            return 0;
        }
        var known = new[] { "--app-id", "--app-port", "--dapr-grpc-port", "--dapr-http-port", "--redis" };
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!known.Contains(args[i]) || i + 1 >= args.Length)
            {
                error.WriteLine($"DevHost sidecar: unexpected '{args[i]}'{Environment.NewLine}{UsageText}");
                return DevHostCommand.Usage;
            }
            values[args[i]] = args[i + 1];
        }
        var missing = known.FirstOrDefault(k => !values.ContainsKey(k));
        if (missing is not null)
        {
            error.WriteLine($"DevHost sidecar: {missing} is required{Environment.NewLine}{UsageText}");
            return DevHostCommand.Usage;
        }
        var ports = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var name in new[] { "--app-port", "--dapr-grpc-port", "--dapr-http-port" })
        {
            if (!int.TryParse(values[name], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            {
                error.WriteLine($"DevHost sidecar: {name} '{values[name]}' is not a port (1-65535)");
                return DevHostCommand.Usage;
            }
            ports[name] = port;
        }
        var appToken = Environment.GetEnvironmentVariable("APP_API_TOKEN");
        if (string.IsNullOrWhiteSpace(appToken))
        {
            error.WriteLine("DevHost sidecar: APP_API_TOKEN is not set (the app refuses every Dapr call without it)");
            return DevHostCommand.Usage;
        }

        // A sidecar waits for its app as long as it takes: the app may start after it, and restart.
        var options = new EmbeddedDaprOptions { AppStartTimeout = Timeout.InfiniteTimeSpan };
        await using var broker = await EmbeddedDaprBroker.ConnectRedisAsync(values["--redis"], options).ConfigureAwait(false);
        var sidecar = await broker
            .StartSidecarAsync(
                values["--app-id"],
                new EmbeddedSidecarSettings
                {
                    GrpcPort = ports["--dapr-grpc-port"],
                    HttpPort = ports["--dapr-http-port"],
                    AppApiToken = appToken,
                    // As daprd: with DAPR_API_TOKEN set, only a caller that presents it may use the sidecar.
                    ApiToken = Environment.GetEnvironmentVariable("DAPR_API_TOKEN"),
                },
                stopping
            )
            .ConfigureAwait(false);
        output.WriteLine(
            $"sidecar of {sidecar.AppId}: gRPC {sidecar.GrpcEndpoint}, HTTP {sidecar.HttpEndpoint}, "
                + $"app http://127.0.0.1:{ports["--app-port"]}"
        );
        try
        {
            await sidecar.AttachAppAsync(new Uri($"http://127.0.0.1:{ports["--app-port"]}"), stopping).ConfigureAwait(false);
            output.WriteLine($"sidecar of {sidecar.AppId}: {sidecar.Subscriptions.Count} subscriptions, delivering");
            await Task.Delay(Timeout.Infinite, stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested) { }
        return 0;
    }
}
