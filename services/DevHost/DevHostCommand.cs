using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Credentials.Hosting;
using GaiaX.Oid4vc.Credentials.Keys;
using GaiaX.Oid4vc.DevHost.Onboarding;
using Microsoft.AspNetCore.Connections;

namespace GaiaX.Oid4vc.DevHost;

/// <summary>
/// DevHost's command line: start the stack (the default), run the onboarding demo (<c>--demo</c>), mint
/// management tokens (<c>token</c>), or print the usage (<c>--help</c>). Every mistake a user can make on
/// the command line is one line on stderr and exit code 2, never a stack trace.
/// </summary>
public static class DevHostCommand
{
    public const int Usage = 2;

    /// <summary>Shortest and longest lifetime <c>token --lifetime</c> accepts.</summary>
    public static readonly TimeSpan MinTokenLifetime = TimeSpan.FromMinutes(1);

    public static readonly TimeSpan MaxTokenLifetime = TimeSpan.FromDays(30);

    public const string UsageText = """
        usage: dotnet run --project services/DevHost -- [options] [--Section:Key=value ...]
               dotnet run --project services/DevHost -- token [--lifetime 8h] [--audience issuer|verifier|registry|both] [--data DIR]
               dotnet run --project services/DevHost -- token --jwk [--data DIR]
               dotnet run --project services/DevHost -- sidecar --app-id ID --app-port N --dapr-grpc-port N ...
               dotnet run --project services/DevHost -- rehearse --redis CONNECTION [--work DIR]

        Runs the Issuer, Verifier, Notary, Compliance and Registry in one process with an embedded Dapr sidecar,
        and the web console (http://127.0.0.1:5106, development sign-in) on their public APIs.
          --issuer-port N, --verifier-port N, --notary-port N, --compliance-port N, --registry-port N, --console-port N
                                 ports (defaults 5101-5106; 0 = any free port)
          --host ADDRESS         address to listen on (default 127.0.0.1)
          --public-base-url URL  public URL of each service, {service} standing for its name
                                 (e.g. https://{service}.example.dev behind a tunnel or reverse proxy)
          --data DIR             where the development CA, identities, management key and tokens.json
                                 live (default .devhost-data at the root of this checkout)
          --redis CONNECTION     keep state and events in Redis instead of memory
          --real-registries=true ask the real VIES, EORI and GLEIF instead of the sandbox registries
          --log-level LEVEL      the services' log level (default Warning)
          --demo                 run the Gaia-X onboarding with the reference wallet, print each step, exit
          --haip                 Issuer and Verifier under the OpenID4VC HAIP profile, with a development wallet
                                 provider (key in the data folder) for the wallet's --haip
          -h, --help             print this text
        --Section:Key=value arguments are passed to every service (e.g. --Issuer:BatchSize=5).

        token: prints management API tokens signed by DevHost's key in the data folder, valid for --lifetime
        (1 minute to 30 days, as 90s, 30m, 8h or 2d; default 1h), for a running DevHost that uses the same folder.
        token --jwk: prints the public JWK of that key, for services that run elsewhere (the dev cluster's
        management-jwk Secret, k8s/create-secrets.sh) and then accept the tokens it mints.
        sidecar: the embedded Dapr sidecar as a process of its own beside one service process (sidecar --help).
        rehearse: the production deployment as separate processes with Redis, and the onboarding across them (k8s/rehearse.sh).
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken stopping)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (args.Length > 0 && args[0] == "sidecar")
        {
            return await SidecarCommand.RunAsync(args[1..], output, error, stopping).ConfigureAwait(false);
        }
        if (args.Length > 0 && args[0] == "rehearse")
        {
            return await Rehearsal.RehearseCommand.RunAsync(args[1..], output, error, stopping).ConfigureAwait(false);
        }
        if (args.Any(a => a is "-h" or "--help"))
        {
            output.WriteLine(UsageText);
            return 0;
        }
        if (args.Length > 0 && args[0] == "token")
        {
            return Token(args[1..], output, error);
        }
        var demo = args.Contains("--demo", StringComparer.OrdinalIgnoreCase);
        var haip = args.Contains("--haip", StringComparer.OrdinalIgnoreCase);
        if (demo && haip)
        {
            // The onboarding presents VC-JWTs, which a haip Verifier refuses.
            error.WriteLine("DevHost: --haip and --demo do not go together: the onboarding demo presents jwt_vc_json credentials");
            return Usage;
        }
        DevStackSettings parsed;
        try
        {
            parsed = DevStackSettings.FromArgs(
                args.Where(a =>
                        !a.Equals("--demo", StringComparison.OrdinalIgnoreCase) && !a.Equals("--haip", StringComparison.OrdinalIgnoreCase)
                    )
                    .ToArray()
            );
        }
        catch (ArgumentException invalid)
        {
            error.WriteLine($"DevHost: {invalid.Message}");
            return Usage;
        }
        using var provider = haip
            ? Wallet.Attestation.WalletProvider.LoadOrCreateDevelopment(parsed.DataFolder, TimeProvider.System)
            : null;
        using var tokens = demo
            ? new ManagementTokens(TimeProvider.System)
            : ManagementTokens.LoadOrCreate(Path.Combine(parsed.DataFolder, "management"), TimeProvider.System);
        var settings = parsed with
        {
            ServiceArgs =
            [
                .. tokens.ServiceArguments(),
                "--Issuer:DeferredIntervalSeconds=1",
                .. provider is null ? [] : HaipArguments(provider),
                .. parsed.ServiceArgs,
            ],
        };
        if (demo)
        {
            // The demo needs no fixed ports: it must not collide with a DevHost already running.
            settings = settings with { IssuerPort = 0, VerifierPort = 0, NotaryPort = 0, CompliancePort = 0, RegistryPort = 0 };
        }
        else
        {
            // The web console, signed in with the development sign-in, acts with DevHost's management tokens.
            settings = settings with { ConsoleTokens = service => ConsoleToken(tokens, service) };
        }

        DevStack stack;
        try
        {
            stack = await DevStack.StartAsync(settings, stopping).ConfigureAwait(false);
        }
        catch (IOException failure) when (failure.InnerException is AddressInUseException)
        {
            error.WriteLine(PortInUse(settings, failure));
            return Usage;
        }
        await using (stack.ConfigureAwait(false))
        {
            output.WriteLine(stack.DescribeServices());
            if (demo)
            {
                var result = await OnboardingDemo.RunAsync(stack, tokens, output, stopping).ConfigureAwait(false);
                return result.LabelCredential is null ? 1 : 0;
            }
            var tokensFile = WriteTokens(parsed.DataFolder, tokens, ManagementTokens.DefaultLifetime, TimeProvider.System);
            try
            {
                await OnboardingDemo
                    .PrintWalletStartAsync(
                        stack,
                        tokens,
                        output,
                        provider is null ? null : Wallet.Attestation.WalletProvider.DevelopmentKeyPath(parsed.DataFolder),
                        stopping
                    )
                    .ConfigureAwait(false);
            }
            catch (Exception failure)
                when (failure is InvalidOperationException or HttpRequestException or JsonException or TimeoutException
                    || (failure is TaskCanceledException && !stopping.IsCancellationRequested)
                )
            {
                // The stack is up; only the convenience offer could not be made (e.g. the configuration has no
                // VatID, or the state store is down). Say so and keep serving.
                output.WriteLine($"No starter offer: {failure.Message}");
            }
            output.WriteLine($"Management API tokens (1 h) are in {tokensFile}; new ones: dotnet run --project services/DevHost -- token");
            output.WriteLine("Press Ctrl-C to stop.");
            try
            {
                await Task.Delay(Timeout.Infinite, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                output.WriteLine("Stopping…");
            }
            return 0;
        }
    }

    /// <summary>
    /// <c>--haip</c>: Issuer and Verifier under their haip profiles, the development wallet provider trusted for client and
    /// key attestations (keys of the LegalPerson SD-JWT VC attested), DPoP nonces required.
    /// </summary>
    private static IEnumerable<string> HaipArguments(Wallet.Attestation.WalletProvider provider) =>
        [
            "--Issuer:Profile=haip",
            "--Issuer:RequireDpopNonce=true",
            "--Verifier:Profile=haip",
            .. provider.IssuerArguments("LegalPerson_dc_sd_jwt"),
        ];

    /// <summary>The management token the console sends to <paramref name="service"/> (none for the public-only services).</summary>
    public static string? ConsoleToken(ManagementTokens tokens, WebConsole.ServiceApi service)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        return service switch
        {
            WebConsole.ServiceApi.Issuer => tokens.IssuerToken(),
            WebConsole.ServiceApi.Verifier => tokens.VerifierToken(),
            WebConsole.ServiceApi.Registry => tokens.RegistryToken(),
            _ => null,
        };
    }

    private static string PortInUse(DevStackSettings settings, Exception failure)
    {
        var ports = new (string Service, string Switch, int Port)[]
        {
            ("Issuer", "--issuer-port", settings.IssuerPort),
            ("Verifier", "--verifier-port", settings.VerifierPort),
            ("Notary", "--notary-port", settings.NotaryPort),
            ("Compliance", "--compliance-port", settings.CompliancePort),
            ("Registry", "--registry-port", settings.RegistryPort),
            ("Console", "--console-port", settings.ConsolePort),
        };
        var message = failure.Message + " " + failure.InnerException?.Message;
        var (service, option, port) = ports.FirstOrDefault(p =>
            message.Contains(":" + p.Port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        );
        return service is null
            ? $"DevHost: a port is already in use ({failure.Message}); choose other ports or 0 for any free port"
            : $"DevHost: port {port} ({option}, DevHost:Ports:{service}) is already in use; choose another port or 0 for any free port";
    }

    private static int Token(string[] args, TextWriter output, TextWriter error)
    {
        var printJwk = args.Contains("--jwk");
        args = args.Where(a => a != "--jwk").ToArray();
        string? Option(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        var known = new[] { "--lifetime", "--audience", "--data" };
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!known.Contains(args[i]) || i + 1 >= args.Length)
            {
                error.WriteLine($"DevHost token: unexpected '{args[i]}' (see --help)");
                return Usage;
            }
        }
        if (!TryParseLifetime(Option("--lifetime") ?? "1h", out var lifetime))
        {
            error.WriteLine(
                $"DevHost token: --lifetime '{Option("--lifetime")}' is not a duration between 1 minute and 30 days (e.g. 30m, 8h, 2d)"
            );
            return Usage;
        }
        var audience = Option("--audience") ?? "both";
        if (audience is not ("issuer" or "verifier" or "registry" or "both"))
        {
            error.WriteLine($"DevHost token: --audience '{audience}' is not issuer, verifier, registry or both");
            return Usage;
        }
        var data = Path.GetFullPath(Option("--data") ?? DevelopmentDataFolder.Resolve());
        using var tokens = ManagementTokens.LoadOrCreate(Path.Combine(data, "management"), TimeProvider.System);
        if (printJwk)
        {
            output.WriteLine(tokens.PublicJwk().ToJsonString());
            return 0;
        }
        if (audience is "issuer" or "both")
        {
            output.WriteLine($"issuer:   {tokens.IssuerToken(lifetime)}");
        }
        if (audience is "verifier" or "both")
        {
            output.WriteLine($"verifier: {tokens.VerifierToken(lifetime)}");
        }
        if (audience is "registry")
        {
            output.WriteLine($"registry: {tokens.RegistryToken(lifetime)}");
        }
        output.WriteLine($"valid until {TimeProvider.System.GetUtcNow().Add(lifetime):O} against a DevHost using {data}");
        return 0;
    }

    /// <summary>Parses <c>90s</c>, <c>30m</c>, <c>8h</c> or <c>2d</c> within the accepted range.</summary>
    public static bool TryParseLifetime(string text, out TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(text);
        lifetime = default;
        if (text.Length < 2 || !int.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            return false;
        }
        lifetime = text[^1] switch
        {
            's' => TimeSpan.FromSeconds(amount),
            'm' => TimeSpan.FromMinutes(amount),
            'h' => TimeSpan.FromHours(amount),
            'd' => TimeSpan.FromDays(amount),
            _ => TimeSpan.Zero,
        };
        return lifetime >= MinTokenLifetime && lifetime <= MaxTokenLifetime;
    }

    /// <summary>Writes the current tokens to <c>tokens.json</c> in the data folder (0600) and returns its path.</summary>
    public static string WriteTokens(string dataFolder, ManagementTokens tokens, TimeSpan lifetime, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(time);
        Directory.CreateDirectory(dataFolder);
        var expires = time.GetUtcNow().Add(lifetime).ToString("O", CultureInfo.InvariantCulture);
        var document = new JsonObject
        {
            ["issuer"] = new JsonObject
            {
                ["token"] = tokens.IssuerToken(lifetime),
                ["scope"] = ManagementTokens.IssuerScope,
                ["expires_at"] = expires,
            },
            ["verifier"] = new JsonObject
            {
                ["token"] = tokens.VerifierToken(lifetime),
                ["scope"] = ManagementTokens.VerifierScope,
                ["expires_at"] = expires,
            },
            ["registry"] = new JsonObject
            {
                ["token"] = tokens.RegistryToken(lifetime),
                ["scope"] = ManagementTokens.RegistryScope,
                ["expires_at"] = expires,
            },
        };
        var path = Path.Combine(dataFolder, "tokens.json");
        SecretFile.Write(path, document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return path;
    }
}
