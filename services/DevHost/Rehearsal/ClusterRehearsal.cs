using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using GaiaX.Oid4vc.Credentials.DidWeb;
using GaiaX.Oid4vc.Credentials.Keys;
using GaiaX.Oid4vc.DevHost.Onboarding;
using GaiaX.Oid4vc.RegistrySandbox;
using GaiaX.Oid4vc.Wallet;
using GaiaX.Oid4vc.Wallet.Participant;

namespace GaiaX.Oid4vc.DevHost.Rehearsal;

/// <summary>
/// The production deployment rehearsed on one machine: each service is a process of its own, started with
/// the settings the Kubernetes overlays give it (identity from TLS-secret-shaped files issued by one test CA,
/// <c>Identity:Source=Files</c>, the CA as trust anchor, management tokens from a configured authority key,
/// Compliance asking the Registry by URL, the Registry's first trust list from the CA and the Notary), next to
/// its own sidecar process (<c>DevHost sidecar</c>: the Dapr gRPC API on its own port), all sharing one Redis as
/// state store and broker. What differs from the cluster: loopback addresses (so the DIDs are
/// <c>did:web:127.0.0.1%3A&lt;port&gt;</c>, fetched over http: <c>DidWeb:AllowHttpLoopback=true</c>, and chains
/// published on loopback are fetched by the Registry: <c>Registry:AllowLoopbackChainUrls=true</c>), the sandbox
/// registries of the Notary (VIES, EORI, GLEIF) and the embedded sidecar in place of daprd.
/// </summary>
public sealed class ClusterRehearsal : IAsyncDisposable
{
    /// <summary>The deployed services; the Registry before Compliance, which asks it what is trusted.</summary>
    public static readonly IReadOnlyList<string> ServiceNames = ["issuer", "verifier", "notary", "registry", "compliance"];

    private readonly List<RehearsalService> _services;
    private readonly RegistrySandboxServer _registries;
    private readonly ManagementTokens _tokens;
    private readonly Action<string> _progress;

    private ClusterRehearsal(
        string workFolder,
        List<RehearsalService> services,
        RegistrySandboxServer registries,
        ManagementTokens tokens,
        Action<string> progress
    )
    {
        WorkFolder = workFolder;
        _services = services;
        _registries = registries;
        _tokens = tokens;
        _progress = progress;
    }

    /// <summary>A bearer token for the Issuer's management API, from the authority the services are configured with.</summary>
    public string IssuerToken() => _tokens.IssuerToken();

    /// <summary>A bearer token for the Verifier's management API.</summary>
    public string VerifierToken() => _tokens.VerifierToken();

    /// <summary>
    /// Whether the service signs with an identity of its own (a key and certificate in its TLS Secret, a DID). The
    /// Registry signs nothing and resolves no DID: the overlays give it neither, so the rehearsal issues it none.
    /// </summary>
    public static bool HasIdentity(string name) => name != "registry";

    /// <summary>Where the certificates, the participant and every process's log are.</summary>
    public string WorkFolder { get; }

    /// <summary>The CA every identity chains to (what the overlays mount as <c>ca.crt</c>).</summary>
    public string CaCertificatePath => Path.Combine(WorkFolder, "pki", "ca", "ca.crt");

    public IReadOnlyList<RehearsalService> Services => _services;

    public RehearsalService this[string name] => _services.Single(s => s.Name == name);

    /// <summary>How long a started process may take to answer <c>/readyz</c> with 200.</summary>
    public static TimeSpan ReadyTimeout { get; } = TimeSpan.FromSeconds(90);

    /// <summary>
    /// Issues the identities, starts the sandbox registries and, for each service, its sidecar process and then
    /// its own process, and waits until every service is ready.
    /// </summary>
    /// <param name="redis">The Redis every sidecar keeps state and events in.</param>
    /// <param name="workFolder">An empty folder for the certificates and the logs.</param>
    /// <param name="progress">Where each step is said.</param>
    /// <param name="extraSettings">More settings (environment variables) per service name, e.g. a load tool's configuration.</param>
    public static async Task<ClusterRehearsal> StartAsync(
        string redis,
        string workFolder,
        Action<string> progress,
        CancellationToken cancellationToken = default,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? extraSettings = null
    )
    {
        ArgumentException.ThrowIfNullOrEmpty(redis);
        ArgumentNullException.ThrowIfNull(progress);
        workFolder = Path.GetFullPath(workFolder);
        Directory.CreateDirectory(workFolder);
        var ports = ServiceNames.ToDictionary(n => n, _ => (App: FreePort(), Grpc: FreePort(), Http: FreePort()));
        var baseUrls = ports.ToDictionary(p => p.Key, p => new Uri($"http://127.0.0.1:{p.Value.App}"));

        // The certificates, as cert-manager writes them into each service's kubernetes.io/tls Secret.
        var caFolder = Path.Combine(workFolder, "pki", "ca");
        foreach (var name in ServiceNames.Where(HasIdentity))
        {
            IssueIdentity(name, baseUrls[name], workFolder, caFolder);
        }
        progress($"identities: one CA ({Path.Combine(caFolder, "ca.crt")}), tls.key/tls.crt/ca.crt per service under {workFolder}/pki");
        // What the overlays give the Registry from a Secret's ca.crt: the PEM itself.
        var trustAnchorsPem = File.ReadAllText(Path.Combine(caFolder, "ca.crt"));

        var tokens = new ManagementTokens(TimeProvider.System);
        var registries = RegistrySandboxServer.Start();
        progress($"sandbox registries: VIES/EORI/GLEIF at {registries.BaseUrl}");

        var services = new List<RehearsalService>();
        var rehearsal = new ClusterRehearsal(workFolder, services, registries, tokens, progress);
        try
        {
            var devHost = typeof(ClusterRehearsal).Assembly.Location;
            foreach (var name in ServiceNames)
            {
                var (app, grpc, http) = ports[name];
                var appToken = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
                var apiToken = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
                var sidecar = new RehearsalProcess(
                    name + "-sidecar",
                    devHost,
                    [
                        "sidecar",
                        "--app-id",
                        name,
                        "--app-port",
                        Text(app),
                        "--dapr-grpc-port",
                        Text(grpc),
                        "--dapr-http-port",
                        Text(http),
                        "--redis",
                        redis,
                    ],
                    new Dictionary<string, string> { ["APP_API_TOKEN"] = appToken, ["DAPR_API_TOKEN"] = apiToken },
                    Path.Combine(workFolder, name + "-sidecar.log")
                );
                var environment = ServiceSettings(name, workFolder, baseUrls, tokens, registries.NotaryArguments, trustAnchorsPem);
                foreach (var (key, value) in extraSettings?.GetValueOrDefault(name) ?? new Dictionary<string, string>())
                {
                    environment[key] = value;
                }
                environment["ASPNETCORE_URLS"] = baseUrls[name].AbsoluteUri.TrimEnd('/');
                environment["DAPR_GRPC_ENDPOINT"] = $"http://127.0.0.1:{Text(grpc)}";
                environment["DAPR_HTTP_ENDPOINT"] = $"http://127.0.0.1:{Text(http)}";
                environment["APP_API_TOKEN"] = appToken;
                environment["DAPR_API_TOKEN"] = apiToken;
                var service = new RehearsalProcess(
                    name,
                    Path.Combine(AppContext.BaseDirectory, AssemblyOf(name)),
                    [],
                    environment,
                    Path.Combine(workFolder, name + ".log")
                );
                services.Add(new RehearsalService(name, baseUrls[name], service, sidecar));
                sidecar.Start();
                service.Start();
            }
            foreach (var service in services)
            {
                await rehearsal.WaitReadyAsync(service, cancellationToken).ConfigureAwait(false);
                progress(
                    $"{service.Name, -10} pid {service.Service.ProcessId} at {service.BaseUrl}, "
                        + $"sidecar pid {service.Sidecar.ProcessId}: ready"
                );
            }
        }
        catch
        {
            await rehearsal.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return rehearsal;
    }

    /// <summary>
    /// The settings each service process gets, named as in <c>k8s/base</c> and the overlays (configuration
    /// keys as environment variables): identity and trust from the mounted TLS Secret, the public URL, the
    /// management authority, the registries, the Registry's first trust list (<paramref name="trustAnchorsPem"/>:
    /// the CA certificates, as the overlays give it from a Secret's <c>ca.crt</c>). Only
    /// <c>DidWeb__AllowHttpLoopback</c> and <c>Registry__AllowLoopbackChainUrls</c> are the rehearsal's own.
    /// </summary>
    public static Dictionary<string, string> ServiceSettings(
        string name,
        string workFolder,
        IReadOnlyDictionary<string, Uri> baseUrls,
        ManagementTokens tokens,
        IReadOnlyList<string> notaryArguments,
        string trustAnchorsPem
    )
    {
        ArgumentNullException.ThrowIfNull(baseUrls);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(notaryArguments);
        ArgumentException.ThrowIfNullOrEmpty(trustAnchorsPem);
        var identity = Path.Combine(workFolder, "pki", name);
        var section = char.ToUpperInvariant(name[0]) + name[1..];
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            [$"{section}__PublicBaseUrl"] = baseUrls[name].AbsoluteUri.TrimEnd('/'),
            ["OTEL_SERVICE_NAME"] = name,
            ["Telemetry__PrometheusEndpoint"] = "true",
            ["Logging__Console__FormatterName"] = "json",
        };
        if (HasIdentity(name))
        {
            settings["Identity__Source"] = "Files";
            settings["Identity__PrivateKeyPath"] = Path.Combine(identity, "tls.key");
            settings["Identity__CertificateChainPath"] = Path.Combine(identity, "tls.crt");
            settings["Trust__AnchorCertificates__0"] = Path.Combine(identity, "ca.crt");
            // A deviation of the rehearsal: its DIDs are on loopback, served over http.
            settings["DidWeb__AllowHttpLoopback"] = "true";
        }
        var jwk = tokens.PublicJwk().ToJsonString();
        switch (name)
        {
            case "issuer":
                settings["Issuer__Management__SigningKeyJwk"] = jwk;
                settings["Issuer__Management__TokenIssuer"] = ManagementTokens.TokenIssuer;
                settings["Issuer__Management__Audience"] = ManagementTokens.IssuerAudience;
                settings["Issuer__DeferredIntervalSeconds"] = "1";
                break;
            case "verifier":
                settings["Verifier__Management__SigningKeyJwk"] = jwk;
                settings["Verifier__Management__TokenIssuer"] = ManagementTokens.TokenIssuer;
                settings["Verifier__Management__Audience"] = ManagementTokens.VerifierAudience;
                break;
            case "notary":
                foreach (var argument in notaryArguments)
                {
                    var (key, value) = (
                        argument[2..argument.IndexOf('=', StringComparison.Ordinal)],
                        argument[(argument.IndexOf('=') + 1)..]
                    );
                    settings[key.Replace(":", "__", StringComparison.Ordinal)] = value;
                }
                break;
            case "registry":
                settings["Registry__Management__SigningKeyJwk"] = jwk;
                settings["Registry__Management__TokenIssuer"] = ManagementTokens.TokenIssuer;
                settings["Registry__Management__Audience"] = ManagementTokens.RegistryAudience;
                settings["Registry__Bootstrap__TrustAnchorCertificates__0"] = trustAnchorsPem;
                settings["Registry__Bootstrap__TrustedIssuers__registration-notary__0"] = DidWebUrl.FromBaseUrl(baseUrls["notary"]);
                // A deviation of the rehearsal: the chains the services publish (x5u) are on loopback, served over http.
                settings["Registry__AllowLoopbackChainUrls"] = "true";
                break;
            case "compliance":
                // The prod overlay leaves the choice to the operator; the rehearsal asks the deployment's own Registry.
                settings["Compliance__Registry__BaseUrl"] = baseUrls["registry"].AbsoluteUri;
                break;
        }
        return settings;
    }

    /// <summary>
    /// The whole Gaia-X onboarding across the processes (registration number, presentation, compliance, label),
    /// then an issuance deferred across a restart: with the Notary stopped, the wallet takes a second
    /// registration-number offer (deferred); the Issuer process is killed; both are started again; the wallet's
    /// polling gets the credential.
    /// </summary>
    public async Task<RehearsalResult> RunAsync(CancellationToken cancellationToken = default)
    {
        await using var didHost = await DidDocumentHost.StartAsync(cancellationToken).ConfigureAwait(false);
        using var participant = ParticipantIdentity.CreateDevelopment(
            didHost.BaseUrl,
            Path.Combine(WorkFolder, "participant"),
            Path.Combine(WorkFolder, "pki", "ca"),
            TimeProvider.System
        );
        didHost.Publish(participant.DidDocumentJson);
        _progress($"participant {participant.Did}: key certified by the rehearsal CA");
        using var anchor = X509Certificate2.CreateFromPem(
            await File.ReadAllTextAsync(CaCertificatePath, cancellationToken).ConfigureAwait(false)
        );
        using var wallet = new ReferenceWallet(
            participant.HolderKey,
            participant.Did,
            new ReferenceWalletOptions { TrustAnchors = [anchor], AllowLoopback = true },
            TimeProvider.System
        );
        var backOffice = new BackOffice(this["issuer"].BaseUrl, this["verifier"].BaseUrl, _tokens, TimeProvider.System);
        var scenario = new OnboardingScenario(backOffice, participant, wallet, TimeProvider.System);
        var onboarding = await scenario.RunAsync(OnboardingDemo.DemoCompany, _progress, cancellationToken).ConfigureAwait(false);
        if (onboarding.LabelCredential is null)
        {
            return new RehearsalResult(onboarding, null);
        }

        _progress("restart: the Notary is stopped; the wallet takes a second registration-number offer");
        await this["notary"].Service.KillAsync().ConfigureAwait(false);
        var offer = await backOffice
            .CreateRegistrationNumberOfferAsync(OnboardingDemo.DemoCompany, participant.Did + "#vat-id", cancellationToken)
            .ConfigureAwait(false);
        var issuance = wallet.Issuance;
        var parsed = await issuance.ResolveOfferAsync(offer.Uri, cancellationToken).ConfigureAwait(false);
        var grant = parsed.PreAuthorizedCode ?? throw new InvalidOperationException("The offer has no pre-authorized code.");
        var context = await issuance
            .DiscoverAsync(parsed.CredentialIssuer, grant.AuthorizationServer, cancellationToken)
            .ConfigureAwait(false);
        var token = await issuance.RedeemPreAuthorizedCodeAsync(context, grant, offer.TxCode, cancellationToken).ConfigureAwait(false);
        var pending = await issuance
            .RequestCredentialAsync(context, token, parsed.CredentialConfigurationIds[0], cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        if (!pending.IsDeferred)
        {
            throw new InvalidOperationException("The Issuer answered at once although the Notary was down.");
        }
        _progress($"   deferred (transaction {pending.TransactionId}); the Issuer process is killed (SIGKILL)");
        await this["issuer"].Service.KillAsync().ConfigureAwait(false);
        foreach (var name in new[] { "notary", "issuer" })
        {
            this[name].Service.Start();
        }
        foreach (var name in new[] { "notary", "issuer" })
        {
            await WaitReadyAsync(this[name], cancellationToken).ConfigureAwait(false);
            _progress($"   {name} started again (pid {this[name].Service.ProcessId}) and ready");
        }
        var done = await issuance.PollDeferredAsync(context, token, pending, cancellationToken).ConfigureAwait(false);
        var credential = done.Credentials.Count == 1 ? done.Credentials[0] : null;
        _progress(
            credential is null
                ? "   the deferred issuance ended without a credential"
                : $"   the wallet's polling got {OnboardingScenario.Describe(credential)}"
        );
        return new RehearsalResult(onboarding, credential);
    }

    private async Task WaitReadyAsync(RehearsalService service, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTimeOffset.UtcNow + ReadyTimeout;
        var last = "no answer";
        while (DateTimeOffset.UtcNow < deadline)
        {
            if (service.Service.ProcessId is null)
            {
                throw new InvalidOperationException($"{service.Name} exited at start:{Environment.NewLine}{service.Service.Tail()}");
            }
            try
            {
                using var response = await http.GetAsync(new Uri(service.BaseUrl, "/readyz"), cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)}";
            }
            catch (HttpRequestException failure)
            {
                last = failure.Message;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                last = "timed out";
            }
            await Task.Delay(200, cancellationToken).ConfigureAwait(false);
        }
        throw new TimeoutException(
            $"{service.Name} was not ready within {ReadyTimeout} (last: {last}):{Environment.NewLine}{service.Service.Tail()}"
                + $"{Environment.NewLine}sidecar:{Environment.NewLine}{service.Sidecar.Tail()}"
        );
    }

    /// <summary>A key and certificate chain (leaf, CA) and the CA certificate: the three keys of a cert-manager Secret.</summary>
    private static void IssueIdentity(string name, Uri baseUrl, string workFolder, string caFolder)
    {
        var folder = Path.Combine(workFolder, "pki", name);
        using (
            ServiceIdentity.Load(
                new IdentityOptions
                {
                    Source = IdentitySource.Development,
                    DataPath = folder,
                    DevelopmentCaPath = caFolder,
                },
                baseUrl,
                name,
                workFolder,
                TimeProvider.System
            )
        ) { }
        File.Copy(Path.Combine(caFolder, "ca.crt"), Path.Combine(folder, "ca.crt"), overwrite: true);
    }

    private static string AssemblyOf(string name) => $"GaiaX.Oid4vc.{char.ToUpperInvariant(name[0])}{name[1..]}.dll";

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static int FreePort() => DevStack.FreePort("127.0.0.1");

    public async ValueTask DisposeAsync()
    {
        for (var i = _services.Count - 1; i >= 0; i--)
        {
            await _services[i].Service.DisposeAsync().ConfigureAwait(false);
            await _services[i].Sidecar.DisposeAsync().ConfigureAwait(false);
        }
        _registries.Dispose();
        _tokens.Dispose();
    }
}
