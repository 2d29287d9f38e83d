using Dapr.Client;
using GaiaX.Oid4vc.Dapr.Embedded;
using GaiaX.Oid4vc.Dapr.Events;
using GaiaX.Oid4vc.Dapr.Hosting;
using GaiaX.Oid4vc.Dapr.State;
using Microsoft.AspNetCore.Builder;

namespace GaiaX.Oid4vc.Testing;

/// <summary>
/// An embedded Dapr runtime for tests: one broker (in memory or Redis), one sidecar per app id.
/// <see cref="StartServiceAsync"/> runs a service wired to its sidecar; <see cref="ClientAsync"/>,
/// <see cref="PublishAsync"/> and <see cref="StateAsync"/> act as another app would. Disposing it
/// stops every service it started, every sidecar, and the broker. Safe to use from concurrent tasks.
/// </summary>
public sealed class DaprTestEnvironment : IAsyncDisposable
{
    private readonly Dictionary<string, EmbeddedDaprSidecar> _sidecars = new(StringComparer.Ordinal);
    private readonly List<IAsyncDisposable> _owned = [];
    private readonly Dictionary<string, DaprClient> _clients = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);

    private DaprTestEnvironment(EmbeddedDaprBroker broker) => Broker = broker;

    public EmbeddedDaprBroker Broker { get; }

    /// <summary>An environment with the in-memory back end.</summary>
    public static DaprTestEnvironment InMemory(EmbeddedDaprOptions? options = null) => new(EmbeddedDaprBroker.CreateInMemory(options));

    /// <summary>An environment over <paramref name="storage"/> (e.g. a <see cref="FaultInjectingEmbeddedStorage"/>).</summary>
    public static DaprTestEnvironment WithStorage(IEmbeddedStorage storage, EmbeddedDaprOptions? options = null) =>
        new(new EmbeddedDaprBroker(storage, options));

    /// <summary>An environment with the Redis back end (e.g. on a <see cref="RedisTestServer"/>).</summary>
    public static async Task<DaprTestEnvironment> RedisAsync(string connectionString, EmbeddedDaprOptions? options = null) =>
        new(await EmbeddedDaprBroker.ConnectRedisAsync(connectionString, options).ConfigureAwait(false));

    /// <summary>The sidecar of <paramref name="appId"/>, started on first use.</summary>
    public async Task<EmbeddedDaprSidecar> SidecarAsync(string appId)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!_sidecars.TryGetValue(appId, out var sidecar))
            {
                sidecar = await Broker.StartSidecarAsync(appId).ConfigureAwait(false);
                _sidecars[appId] = sidecar;
            }
            return sidecar;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Starts a service (its <c>XxxProgram.Create</c>) with <c>Dapr:GrpcEndpoint</c> pointing at the
    /// sidecar of <paramref name="appId"/>, then lets the sidecar read its subscriptions, so events
    /// published after this returns reach it.
    /// </summary>
    public async Task<TestServiceHost> StartServiceAsync(
        string appId,
        Func<string[], Action<WebApplicationBuilder>, WebApplication> create,
        string section,
        IEnumerable<string>? args = null,
        Action<WebApplicationBuilder>? configure = null,
        Action<WebApplication>? beforeStart = null
    )
    {
        var sidecar = await SidecarAsync(appId).ConfigureAwait(false);
        var allArgs = new List<string>
        {
            $"--{DaprHostingExtensions.GrpcEndpointKey}={sidecar.GrpcEndpoint.ToString().TrimEnd('/')}",
            $"--{DaprHostingExtensions.HttpEndpointKey}={sidecar.HttpEndpoint.ToString().TrimEnd('/')}",
            $"--{DaprHostingExtensions.AppApiTokenKey}={sidecar.AppApiToken}",
        };
        allArgs.AddRange(args ?? []);
        var host = await TestServiceHost.StartAsync(create, section, allArgs, configure, beforeStart).ConfigureAwait(false);
        lock (_owned)
        {
            _owned.Add(host);
        }
        await sidecar.AttachAppAsync(host.BaseUrl).ConfigureAwait(false);
        return host;
    }

    /// <summary>A real <see cref="DaprClient"/> talking to the sidecar of <paramref name="appId"/>, as that app would.</summary>
    public async Task<DaprClient> ClientAsync(string appId)
    {
        var sidecar = await SidecarAsync(appId).ConfigureAwait(false);
        lock (_clients)
        {
            if (!_clients.TryGetValue(appId, out var client))
            {
                client = new DaprClientBuilder()
                    .UseGrpcEndpoint(sidecar.GrpcEndpoint.ToString().TrimEnd('/'))
                    .UseHttpEndpoint(sidecar.HttpEndpoint.ToString().TrimEnd('/'))
                    .Build();
                _clients[appId] = client;
            }
            return client;
        }
    }

    /// <summary>Publishes an integration event as <paramref name="asAppId"/> would, through the real <see cref="DaprEventBus"/>.</summary>
    public async Task PublishAsync(
        IntegrationEvent integrationEvent,
        string asAppId = "test-publisher",
        CancellationToken cancellationToken = default
    )
    {
        var bus = new DaprEventBus(await ClientAsync(asAppId).ConfigureAwait(false), TimeProvider.System);
        await bus.PublishAsync(integrationEvent, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The state helpers of <paramref name="appId"/> (its keys, as it sees them).</summary>
    public async Task<IDaprStateStore> StateAsync(string appId) => new DaprStateStore(await ClientAsync(appId).ConfigureAwait(false));

    public async ValueTask DisposeAsync()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            await _owned[i].DisposeAsync().ConfigureAwait(false);
        }
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }
        await Broker.DisposeAsync().ConfigureAwait(false);
        _gate.Dispose();
    }
}
