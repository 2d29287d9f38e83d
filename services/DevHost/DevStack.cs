using System.Text;
using GaiaX.Oid4vc.Compliance;
using GaiaX.Oid4vc.Credentials.DidWeb;
using GaiaX.Oid4vc.Dapr.Embedded;
using GaiaX.Oid4vc.Dapr.Hosting;
using GaiaX.Oid4vc.Issuer;
using GaiaX.Oid4vc.Notary;
using GaiaX.Oid4vc.Registry;
using GaiaX.Oid4vc.RegistrySandbox;
using GaiaX.Oid4vc.ServiceDefaults;
using GaiaX.Oid4vc.Verifier;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace GaiaX.Oid4vc.DevHost;

/// <summary>
/// The four services running in this process, each a full ASP.NET Core application on its own
/// port, each talking through the real <c>DaprClient</c> to its own embedded Dapr sidecar (one shared
/// broker: in memory, or Redis when <see cref="DevStackSettings.Redis"/> is set). Tests use it too,
/// with port 0 to get free ports.
/// </summary>
public sealed class DevStack : IAsyncDisposable
{
    private readonly List<RunningService> _services;

    private DevStack(
        List<RunningService> services,
        EmbeddedDaprBroker dapr,
        string daprBackEnd,
        RegistrySandboxServer? registries,
        string dataFolder
    )
    {
        _services = services;
        DataFolder = dataFolder;
        Dapr = dapr;
        DaprBackEnd = daprBackEnd;
        Registries = registries;
    }

    /// <summary>Where the development CA, the identities, the management key and <c>tokens.json</c> live (absolute).</summary>
    public string DataFolder { get; }

    /// <summary>The development CA certificate wallets trust DevHost's services by.</summary>
    public string DevelopmentCaCertificate => Path.Combine(DataFolder, "dev-ca", "ca.crt");

    /// <summary>"in memory" or the Redis endpoint the embedded sidecar uses.</summary>
    public string DaprBackEnd { get; }

    public IReadOnlyList<RunningService> Services => _services;

    /// <summary>The sandbox VIES/EORI/GLEIF/business register the Notary asks (null when real registries are used).</summary>
    public RegistrySandboxServer? Registries { get; }

    /// <summary>The embedded Dapr runtime the services share.</summary>
    public EmbeddedDaprBroker Dapr { get; }

    public RunningService this[string name] => _services.Single(s => s.Name == name);

    /// <summary>
    /// The Registry DevHost runs: the development CA is its trust anchor (nothing outside DevHost trusts it), the stack's
    /// own Notary its trusted registration notary, and chains published on loopback (the Notary's x5u) are fetched.
    /// </summary>
    private static IEnumerable<string> RegistryArguments(DevStackSettings settings, string notaryUrl) =>
        [
            $"--Registry:Bootstrap:TrustAnchorCertificates:0={File.ReadAllText(Path.Combine(settings.DataFolder, "dev-ca", "ca.crt"))}",
            $"--Registry:Bootstrap:TrustedIssuers:registration-notary:0={DidWebUrl.FromBaseUrl(new Uri(notaryUrl))}",
            "--Registry:AllowLoopbackChainUrls=true",
        ];

    public static async Task<DevStack> StartAsync(DevStackSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var definitions = new (string Name, int Port, Func<string[], Action<WebApplicationBuilder>, WebApplication> Create)[]
        {
            ("issuer", settings.IssuerPort, (a, c) => IssuerProgram.Create(a, c)),
            ("verifier", settings.VerifierPort, (a, c) => VerifierProgram.Create(a, c)),
            ("notary", settings.NotaryPort, (a, c) => NotaryProgram.Create(a, c)),
            // Before Compliance, which asks it what is trusted; after the Notary, whose DID it trusts.
            ("registry", settings.RegistryPort, (a, c) => RegistryProgram.Create(a, c)),
            ("compliance", settings.CompliancePort, (a, c) => ComplianceProgram.Create(a, c)),
        };

        var daprOptions = new EmbeddedDaprOptions { DuplicateDelivery = settings.DuplicateDelivery };
        var dapr = string.IsNullOrWhiteSpace(settings.Redis)
            ? EmbeddedDaprBroker.CreateInMemory(daprOptions)
            : await EmbeddedDaprBroker.ConnectRedisAsync(settings.Redis, daprOptions).ConfigureAwait(false);
        var started = new List<RunningService>();
        var publicUrls = new Dictionary<string, string>(StringComparer.Ordinal);
        // Offline by default: the Notary asks sandbox registries that know the demo companies.
        var registries = settings.UseRegistrySandbox ? RegistrySandboxServer.Start() : null;
        try
        {
            foreach (var (name, requestedPort, create) in definitions)
            {
                var section = char.ToUpperInvariant(name[0]) + name[1..];
                var sidecar = await dapr.StartSidecarAsync(name, cancellationToken).ConfigureAwait(false);
                WebApplication app;
                for (var attempt = 1; ; attempt++)
                {
                    // Port 0 means "any free port": pick it now so the public base URL is known up front.
                    var port = requestedPort == 0 ? FreePort(settings.Host) : requestedPort;
                    var baseUrl = $"http://{settings.Host}:{port}";
                    var publicUrl = settings.PublicBaseUrl?.Replace("{service}", name, StringComparison.Ordinal) ?? baseUrl;
                    publicUrls[name] = publicUrl;
                    // Development tokens for the Issuer's management API; later arguments may override it.
                    var args = settings
                        .ServiceArgs.Prepend("--Issuer:Management:UseDevelopmentTokens=true")
                        // The interactive API reference at /scalar is for exactly the people who run DevHost.
                        .Prepend("--OpenApi:InteractiveUi=true")
                        // One documented place for every identity, whatever the working directory; later
                        // service arguments may still point elsewhere.
                        .Prepend($"--Identity:DevelopmentCaPath={Path.Combine(settings.DataFolder, "dev-ca")}")
                        .Prepend($"--Identity:DataPath={Path.Combine(settings.DataFolder, name)}")
                        .Append($"--{DaprHostingExtensions.GrpcEndpointKey}={sidecar.GrpcEndpoint.ToString().TrimEnd('/')}")
                        .Append($"--{DaprHostingExtensions.HttpEndpointKey}={sidecar.HttpEndpoint.ToString().TrimEnd('/')}")
                        .Append($"--{DaprHostingExtensions.AppApiTokenKey}={sidecar.AppApiToken}")
                        .Append($"--urls={baseUrl}")
                        .Append($"--{section}:PublicBaseUrl={publicUrl}")
                        .Append($"--Logging:LogLevel:Default={settings.ServiceLogLevel}")
                        .Append("--Logging:LogLevel:Microsoft.Hosting.Lifetime=Warning")
                        // A port in use is reported by DevHost in one line; the host's own stack trace would bury it.
                        .Append("--Logging:LogLevel:Microsoft.Extensions.Hosting.Internal.Host=None")
                        // DevHost uses the development CA on purpose; the identity warning is for real deployments.
                        .Append("--Logging:LogLevel:GaiaX.Oid4vc.Credentials.Keys.ServiceIdentity=Error")
                        .Concat(name == "notary" && registries is not null ? registries.NotaryArguments : [])
                        .Concat(name == "registry" ? RegistryArguments(settings, publicUrls["notary"]) : [])
                        .Concat(
                            name == "compliance"
                                ? [$"--Compliance:Registry:BaseUrl={started.Single(s => s.Name == "registry").BaseUrl}"]
                                : []
                        )
                        .ToArray();
                    app = create(args, builder => builder.Services.UseEmbeddedLifetime());
                    try
                    {
                        await app.StartAsync(cancellationToken).ConfigureAwait(false);
                        break;
                    }
                    catch (IOException failure)
                        when (requestedPort == 0
                            && attempt < 5
                            && failure.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException
                        )
                    {
                        // Another process took the free port between probing and binding (an outgoing
                        // connection's ephemeral port, or a parallel test run): probe another one.
                        await app.DisposeAsync().ConfigureAwait(false);
                    }
                }
                var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
                started.Add(new RunningService(name, new Uri(address), app));
                await sidecar.AttachAppAsync(new Uri(address), cancellationToken).ConfigureAwait(false);
            }
            if (settings.ConsoleTokens is { } tokens)
            {
                started.Add(await StartConsoleAsync(settings, tokens, started, cancellationToken).ConfigureAwait(false));
            }
        }
        catch
        {
            await StopAllAsync(started).ConfigureAwait(false);
            await dapr.DisposeAsync().ConfigureAwait(false);
            registries?.Dispose();
            throw;
        }

        return new DevStack(
            started,
            dapr,
            string.IsNullOrWhiteSpace(settings.Redis) ? "in memory" : "Redis " + settings.Redis.Split(',')[0],
            registries,
            settings.DataFolder
        );
    }

    /// <summary>
    /// The web console on the services' loopback URLs, with the development sign-in; the management tokens it sends are
    /// minted by <paramref name="tokens"/> on the server and never reach a page. It has no sidecar: it calls only public APIs.
    /// </summary>
    private static async Task<RunningService> StartConsoleAsync(
        DevStackSettings settings,
        Func<WebConsole.ServiceApi, string?> tokens,
        List<RunningService> services,
        CancellationToken cancellationToken
    )
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = settings.ConsolePort == 0 ? FreePort(settings.Host) : settings.ConsolePort;
            string[] args =
            [
                $"--urls=http://{settings.Host}:{port}",
                "--Console:DevelopmentSignIn=true",
                .. services.Select(s =>
                    $"--Console:Services:{char.ToUpperInvariant(s.Name[0]) + s.Name[1..]}={s.BaseUrl.ToString().TrimEnd('/')}"
                ),
                $"--Logging:LogLevel:Default={settings.ServiceLogLevel}",
                "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Warning",
                "--Logging:LogLevel:Microsoft.Extensions.Hosting.Internal.Host=None",
            ];
            var app = WebConsole.ConsoleProgram.Create(args, builder =>
            {
                builder.Services.UseEmbeddedLifetime();
                builder.Services.AddSingleton<WebConsole.Apis.IManagementTokenSource>(new WebConsole.Apis.DevelopmentTokenSource(tokens));
                settings.ConfigureConsole?.Invoke(builder);
            });
            try
            {
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (IOException failure)
                when (settings.ConsolePort == 0
                    && attempt < 5
                    && failure.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException
                )
            {
                await app.DisposeAsync().ConfigureAwait(false);
                continue;
            }
            catch
            {
                await app.DisposeAsync().ConfigureAwait(false);
                throw;
            }
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new RunningService("console", new Uri(address), app);
        }
    }

    /// <summary>
    /// A port nobody listens on now, on <paramref name="host"/> (probed, so another process may take it first). Chosen below
    /// the kernel's ephemeral range where it can be read: a port handed out by <c>bind(0)</c> is in that range, where any
    /// outgoing connection (a service to its sidecar, to Redis) may take it as its local port before the service binds it.
    /// </summary>
    internal static int FreePort(string host)
    {
        var address = System.Net.IPAddress.Parse(host);
        var ephemeralStart = EphemeralRangeStart();
        if (ephemeralStart > 12_000)
        {
            for (var attempt = 0; attempt < 64; attempt++)
            {
                var candidate = System.Security.Cryptography.RandomNumberGenerator.GetInt32(10_000, ephemeralStart);
                try
                {
                    using var probe = new System.Net.Sockets.TcpListener(address, candidate);
                    probe.Start();
                    return candidate;
                }
                catch (System.Net.Sockets.SocketException)
                {
                    // Taken: try another.
                }
            }
        }
        using var listener = new System.Net.Sockets.TcpListener(address, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static int EphemeralRangeStart()
    {
        try
        {
            var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range")
                .Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
            return int.Parse(range[0], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception exception)
            when (exception is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return 0;
        }
    }

    public string DescribeServices()
    {
        var text = new StringBuilder();
        text.AppendLine("GaiaX.Oid4vc DevHost");
        text.AppendLine("service      URL                          health");
        foreach (var service in _services)
        {
            var check = service.Name == "console" ? "web console: open it in a browser" : new Uri(service.BaseUrl, "/healthz").ToString();
            text.AppendLine(
                System.Globalization.CultureInfo.InvariantCulture,
                $"{service.Name, -12} {service.BaseUrl.ToString().TrimEnd('/'), -28} {check}"
            );
        }
        if (Registries is not null)
        {
            text.AppendLine(
                System.Globalization.CultureInfo.InvariantCulture,
                $"{"registries", -12} {Registries.BaseUrl.ToString().TrimEnd('/'), -28} sandbox VIES, EORI, GLEIF, EUID register "
                    + $"(demo companies)"
            );
        }
        text.AppendLine(
            System.Globalization.CultureInfo.InvariantCulture,
            $"Dapr: embedded sidecar per service, state and pub/sub {DaprBackEnd}"
        );
        text.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"data: {DataFolder}");
        return text.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAllAsync(_services).ConfigureAwait(false);
        await Dapr.DisposeAsync().ConfigureAwait(false);
        Registries?.Dispose();
    }

    private static async Task StopAllAsync(List<RunningService> services)
    {
        // Stop in reverse start order; each service finishes its in-flight requests.
        for (var i = services.Count - 1; i >= 0; i--)
        {
            await services[i].App.StopAsync().ConfigureAwait(false);
            await services[i].App.DisposeAsync().ConfigureAwait(false);
        }
        services.Clear();
    }
}
