using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Dapr;
using GaiaX.Oid4vc.Dapr.Embedded;
using GaiaX.Oid4vc.Testing;
using GaiaX.Oid4vc.Verifier;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Verifier.Tests.Support;

/// <summary>
/// The Verifier running in-process over real HTTP, with a test CA for issuers, an X.509 identity
/// for <c>x509_san_dns</c>, and a key that signs management API tokens.
/// </summary>
public sealed class VerifierHost : IAsyncDisposable
{
    public const string X509DnsName = "verifier.example.org";

    private readonly string _directory;
    private readonly ECDsa _managementKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ECDsa _verifierX509Key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private TestServiceHost? _host;
    private DaprTestEnvironment? _dapr;
    private RedisTestServer? _redis;
    private HttpClient? _client;
    private List<string> _args = [];
    private Action<Microsoft.AspNetCore.Builder.WebApplicationBuilder>? _configure;

    private VerifierHost()
    {
        _directory = Directory.CreateTempSubdirectory("verifier-tests-").FullName;
    }

    public TestPki IssuerPki { get; } = new("Issuer Trust Anchor");

    public TestPki VerifierPki { get; } = new("Verifier Trust Anchor");

    /// <summary>A trusted issuer (certificate from <see cref="IssuerPki"/>), serving its DID document.</summary>
    public TestIssuer Issuer { get; private set; } = null!;

    public TestServiceHost Host => _host!;

    /// <summary>A client to the Verifier that checks every <c>error_description</c> it receives (<see cref="ErrorDescriptionCharset"/>).</summary>
    public HttpClient Client => _client!;

    public FakeTimeProvider? Time { get; private set; }

    /// <summary>What a subscriber of <c>presentation-verified</c> (the compliance engine) receives.</summary>
    public EventSink Events { get; } = new();

    public DaprTestEnvironment Dapr => _dapr!;

    public static Task<VerifierHost> StartAsync(bool fakeTime = false, params string[] extraArgs) => StartAsync(fakeTime, redis: false, extraArgs);

    /// <summary>Starts the Verifier; with <paramref name="redis"/> the sidecar keeps state in a real redis-server.</summary>
    public static Task<VerifierHost> StartAsync(bool fakeTime, bool redis, params string[] extraArgs) => StartAsync(fakeTime, redis, services: null, extraArgs);

    /// <summary>Starts the Verifier with <paramref name="services"/> changing its registrations (a failing store, …).</summary>
    public static Task<VerifierHost> StartAsync(
        bool fakeTime, bool redis, Action<IServiceCollection>? services, params string[] extraArgs) =>
        CreateAsync(fakeTime, redis, services, storage: null, extraArgs);

    /// <summary>Starts the Verifier with its sidecar's state (and every other app's on it) in <paramref name="storage"/>.</summary>
    public static Task<VerifierHost> StartOnStorageAsync(IEmbeddedStorage storage, params string[] extraArgs) =>
        CreateAsync(fakeTime: false, redis: false, services: null, storage, extraArgs);

    private static async Task<VerifierHost> CreateAsync(
        bool fakeTime, bool redis, Action<IServiceCollection>? services, IEmbeddedStorage? storage, string[] extraArgs)
    {
        var host = new VerifierHost();
        try
        {
            await host.StartCoreAsync(fakeTime, redis, services, storage, extraArgs);
            return host;
        }
        catch
        {
            // A Verifier that refuses to start must not leave its sidecar and issuer running.
            await host.DisposeAsync();
            throw;
        }
    }

    private async Task StartCoreAsync(
        bool fakeTime, bool redis, Action<IServiceCollection>? services, IEmbeddedStorage? storage, string[] extraArgs)
    {
        var host = this;
        var anchor = host.IssuerPki.WriteAnchor(host._directory);
        using var certificate = host.VerifierPki.Issue(host._verifierX509Key, "Verifier", X509DnsName);
        var chainPath = Path.Combine(host._directory, "verifier-chain.pem");
        var keyPath = Path.Combine(host._directory, "verifier-key.pem");
        await File.WriteAllTextAsync(chainPath, certificate.ExportCertificatePem());
        await File.WriteAllTextAsync(keyPath, host._verifierX509Key.ExportPkcs8PrivateKeyPem());

        var jwk = Jose.PublicJwk(host._managementKey);
        jwk["kid"] = "management";
        jwk["alg"] = "ES256";
        jwk["use"] = "sig";
        var jwks = new JsonObject { ["keys"] = new JsonArray(jwk) }.ToJsonString();

        if (fakeTime)
        {
            host.Time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        }
        var args = new List<string>
        {
            $"--Verifier:Management:SigningKeysJwks={jwks}",
            "--Verifier:Management:Audience=gaiax-verifier",
            $"--Trust:AnchorCertificates:0={anchor}",
            $"--Identity:DataPath={Path.Combine(host._directory, "identity")}",
            $"--Identity:DevelopmentCaPath={Path.Combine(host._directory, "dev-ca")}",
            $"--Verifier:X509:CertificateChainPath={chainPath}",
            $"--Verifier:X509:PrivateKeyPath={keyPath}",
        };
        args.AddRange(extraArgs);
        host.Issuer = await TestIssuer.StartAsync(host.IssuerPki);
        if (redis)
        {
            host._redis = await RedisTestServer.StartAsync();
            host._dapr = await DaprTestEnvironment.RedisAsync(host._redis.ConnectionString);
        }
        else
        {
            host._dapr = storage is null ? DaprTestEnvironment.InMemory() : DaprTestEnvironment.WithStorage(storage);
        }
        await host.Events.StartAsync(host._dapr, AppIds.Compliance);
        host._args = args;
        host._configure = builder =>
        {
            if (host.Time is { } time)
            {
                builder.Services.AddSingleton<TimeProvider>(time);
            }
            services?.Invoke(builder.Services);
        };
        await host.StartVerifierAsync();
    }

    private async Task StartVerifierAsync()
    {
        _host = await _dapr!.StartServiceAsync(
            AppIds.Verifier, (a, c) => VerifierProgram.Create(a, c), VerifierOptions.SectionName, _args, _configure);
        _client = new HttpClient(new ErrorDescriptionCharset(new HttpClientHandler()))
        {
            BaseAddress = _host.BaseUrl,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    /// <summary>
    /// Stops the Verifier and starts it again with the same settings, sidecar and state (a restart, or a new replica):
    /// what it kept in memory is gone, what it stored is not. It listens on a new port.
    /// </summary>
    public async Task RestartAsync()
    {
        _client?.Dispose();
        await _host!.DisposeAsync();
        await StartVerifierAsync();
    }

    /// <summary>A management API bearer token with <paramref name="scope"/>.</summary>
    /// <remarks>A null <paramref name="subject"/> leaves <c>sub</c> out; <paramref name="extraClaims"/> are added as they are.</remarks>
    public string Token(string scope = "verifier.requests.write verifier.requests.read", string audience = "gaiax-verifier", string? subject = "relying-party", JsonObject? extraClaims = null)
    {
        var payload = new JsonObject
        {
            ["aud"] = audience,
            ["scope"] = scope,
            ["iat"] = Jose.Now(),
            ["exp"] = Jose.Now() + 600,
        };
        if (subject is not null)
        {
            payload["sub"] = subject;
        }
        foreach (var (name, value) in extraClaims ?? [])
        {
            payload[name] = value?.DeepClone();
        }
        return Jose.SignEs256(new JsonObject { ["typ"] = "at+jwt", ["kid"] = "management" }, payload, _managementKey);
    }

    public async Task<HttpResponseMessage> PostRequestAsync(JsonObject body, string? token = null)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, "/api/presentation-requests") { Content = JsonContent.Create(body) };
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? Token());
        return await Client.SendAsync(message);
    }

    /// <summary>Creates a request and returns the 201 body.</summary>
    public async Task<JsonObject> CreateRequestAsync(JsonObject body)
    {
        using var response = await PostRequestAsync(body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, text);
        return JsonNode.Parse(text)!.AsObject();
    }

    public async Task<JsonObject> StatusAsync(string requestId, string? responseCode = null)
    {
        var uri = $"/api/presentation-requests/{requestId}" + (responseCode is null ? "" : $"?response_code={Uri.EscapeDataString(responseCode)}");
        using var message = new HttpRequestMessage(HttpMethod.Get, uri);
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token("verifier.requests.read"));
        using var response = await Client.SendAsync(message);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonNode.Parse(text)!.AsObject();
    }

    public TestWallet NewWallet() => new(Client, VerifierPki.Root);

    /// <summary>
    /// Creates a request from <paramref name="body"/> (a LegalPerson query) and answers it as a wallet holding
    /// a LegalPerson VC-JWT bound to its key (direct_post); returns the request id once the response got 200.
    /// </summary>
    public async Task<string> PresentLegalPersonAsync(JsonObject body)
    {
        using var wallet = NewWallet();
        var created = await CreateRequestAsync(body);
        var request = await wallet.FetchAsync((string)created["authorization_request_uri"]!);
        var credential = Issuer.IssueVcJwt("LegalPerson", Queries.LegalPersonSubject(), holderJwk: wallet.HolderJwk);
        using var response = await wallet.PostDirectAsync(
            request,
            new JsonObject { ["legal_person"] = new JsonArray(wallet.PresentVcJwt(request, [credential])) }
        );
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return (string)created["request_id"]!;
    }

    public async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        if (_dapr is not null)
        {
            await _dapr.DisposeAsync();
        }
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
        if (Issuer is not null)
        {
            await Issuer.DisposeAsync();
        }
        IssuerPki.Dispose();
        VerifierPki.Dispose();
        _managementKey.Dispose();
        _verifierX509Key.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
