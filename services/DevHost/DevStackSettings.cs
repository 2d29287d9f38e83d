using GaiaX.Oid4vc.Credentials.Hosting;

namespace GaiaX.Oid4vc.DevHost;

/// <summary>Where DevHost puts each service. Ports default to 5101–5106 on 127.0.0.1.</summary>
public sealed record DevStackSettings
{
    public string Host { get; init; } = "127.0.0.1";

    public int IssuerPort { get; init; } = 5101;

    public int VerifierPort { get; init; } = 5102;

    public int NotaryPort { get; init; } = 5103;

    public int CompliancePort { get; init; } = 5104;

    public int RegistryPort { get; init; } = 5105;

    /// <summary>The web console's port (<c>--console-port</c>); it runs only when <see cref="ConsoleTokens"/> is set.</summary>
    public int ConsolePort { get; init; } = 5106;

    /// <summary>
    /// Start the web console (<c>services/Console</c>) on the stack's public APIs, with the development sign-in and these
    /// management tokens per service (minted on demand, kept on the server); null: no console.
    /// </summary>
    public Func<WebConsole.ServiceApi, string?>? ConsoleTokens { get; init; }

    /// <summary>Adjusts the console's builder after DevHost has (tests record its outgoing requests this way).</summary>
    public Action<WebApplicationBuilder>? ConfigureConsole { get; init; }

    /// <summary>
    /// A Redis connection string for the embedded Dapr sidecar's state and pub/sub (<c>DevHost:Redis</c>,
    /// <c>--redis</c>); in memory when empty.
    /// </summary>
    public string? Redis { get; init; }

    /// <summary>The embedded sidecar delivers every event twice (tests of idempotent handlers).</summary>
    public bool DuplicateDelivery { get; init; }

    /// <summary>Arguments passed on to every service (e.g. <c>--Issuer:Foo=bar</c>).</summary>
    public IReadOnlyList<string> ServiceArgs { get; init; } = [];

    /// <summary>
    /// Start sandbox registries (WireMock.Net playing VIES, EORI, GLEIF and an EUID register) and point
    /// the Notary at them. Off (<c>--real-registries=true</c>) the Notary uses its configured (production) registries.
    /// </summary>
    public bool UseRegistrySandbox { get; init; } = true;

    /// <summary>
    /// Where DevHost keeps what must survive a restart: the development CA, each service's identity, the
    /// management signing key and <c>tokens.json</c> (<c>--data</c>, <c>DevHost:DataPath</c>); absolute. From the
    /// command line it defaults to the checkout's folder (<see cref="DevelopmentDataFolder"/>), where the wallet
    /// looks for the development CA; a stack built in code (the tests) keeps its own, in the current directory.
    /// </summary>
    public string DataFolder { get; init; } = Path.GetFullPath(DevelopmentDataFolder.Name);

    /// <summary>
    /// The public URL of each service, with <c>{service}</c> standing for issuer, verifier, notary or
    /// compliance (<c>--public-base-url</c>), e.g. <c>https://{service}.example.dev</c> behind a tunnel or
    /// reverse proxy that forwards each host to its local port; null: the loopback URL.
    /// </summary>
    public string? PublicBaseUrl { get; init; }

    /// <summary>Log level for the services' own logs (DevHost keeps the console readable).</summary>
    public string ServiceLogLevel { get; init; } = "Warning";

    public static DevStackSettings FromArgs(string[] args)
    {
        var switches = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["--issuer-port"] = "DevHost:Ports:Issuer",
            ["--verifier-port"] = "DevHost:Ports:Verifier",
            ["--notary-port"] = "DevHost:Ports:Notary",
            ["--compliance-port"] = "DevHost:Ports:Compliance",
            ["--registry-port"] = "DevHost:Ports:Registry",
            ["--console-port"] = "DevHost:Ports:Console",
            ["--host"] = "DevHost:Host",
            ["--log-level"] = "DevHost:ServiceLogLevel",
            ["--redis"] = "DevHost:Redis",
            ["--real-registries"] = "DevHost:RealRegistries",
            ["--data"] = "DevHost:DataPath",
            ["--public-base-url"] = "DevHost:PublicBaseUrl",
        };
        foreach (var arg in args)
        {
            // "--Section:Key=value" goes to the services; any other "--switch" must be one of DevHost's.
            var name = arg.Split('=', 2)[0];
            if (
                arg.StartsWith("--", StringComparison.Ordinal)
                && !name.Contains(':', StringComparison.Ordinal)
                && !switches.ContainsKey(name)
            )
            {
                throw new ArgumentException($"unknown option '{name}' (see --help)");
            }
        }
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables("GAIAX_").AddCommandLine(args, switches).Build();

        var defaults = new DevStackSettings();
        return new DevStackSettings
        {
            Host = configuration["DevHost:Host"] ?? defaults.Host,
            IssuerPort = Port(configuration, "Issuer", defaults.IssuerPort),
            VerifierPort = Port(configuration, "Verifier", defaults.VerifierPort),
            NotaryPort = Port(configuration, "Notary", defaults.NotaryPort),
            CompliancePort = Port(configuration, "Compliance", defaults.CompliancePort),
            RegistryPort = Port(configuration, "Registry", defaults.RegistryPort),
            ConsolePort = Port(configuration, "Console", defaults.ConsolePort),
            ServiceLogLevel = configuration["DevHost:ServiceLogLevel"] ?? defaults.ServiceLogLevel,
            Redis = configuration["DevHost:Redis"],
            UseRegistrySandbox = !string.Equals(configuration["DevHost:RealRegistries"], "true", StringComparison.OrdinalIgnoreCase),
            DataFolder = Path.GetFullPath(configuration["DevHost:DataPath"] ?? DevelopmentDataFolder.Resolve()),
            PublicBaseUrl = PublicUrlTemplate(configuration["DevHost:PublicBaseUrl"]),
            ServiceArgs = ServiceArguments(args, switches.Keys),
        };
    }

    /// <summary>
    /// The arguments left for the services: everything but DevHost's switches and their values. A value
    /// given as a separate argument (<c>--data /path</c>) must go too: the services' command-line parser
    /// would read a lone <c>/path</c> as a key and swallow the argument after it.
    /// </summary>
    private static string[] ServiceArguments(string[] args, IEnumerable<string> switches)
    {
        var known = new HashSet<string>(switches, StringComparer.OrdinalIgnoreCase);
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i].Split('=', 2)[0];
            if (!known.Contains(name))
            {
                rest.Add(args[i]);
            }
            else if (!args[i].Contains('=', StringComparison.Ordinal))
            {
                i++;
            }
        }
        return [.. rest];
    }

    private static string? PublicUrlTemplate(string? value)
    {
        if (value is null)
        {
            return null;
        }
        if (
            !value.Contains("{service}", StringComparison.Ordinal)
            || !Uri.TryCreate(value.Replace("{service}", "issuer", StringComparison.Ordinal), UriKind.Absolute, out var uri)
            || uri.Scheme is not ("https" or "http")
        )
        {
            throw new ArgumentException(
                $"Setting 'DevHost:PublicBaseUrl' is invalid: '{value}' is not an absolute URL with {{service}} in it "
                    + "(e.g. https://{service}.example.dev)."
            );
        }
        return value.TrimEnd('/');
    }

    private static int Port(IConfiguration configuration, string service, int fallback)
    {
        var value = configuration[$"DevHost:Ports:{service}"];
        if (value is null)
        {
            return fallback;
        }
        if (
            !int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port)
            || port is < 0 or > 65535
        )
        {
            throw new ArgumentException($"Setting 'DevHost:Ports:{service}' is invalid: '{value}' is not a TCP port (0–65535).");
        }
        return port;
    }
}
