using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.DevHost;
using GaiaX.Oid4vc.DevHost.Onboarding;
using GaiaX.Oid4vc.Wallet;
using Microsoft.Extensions.DependencyInjection;
using PuppeteerSharp;

namespace GaiaX.Oid4vc.WebConsole.Tests;

/// <summary>
/// The whole DevHost stack with its console, as DevHost starts them (free ports), a headless Debian Chromium, and the
/// reference wallet. The console's outgoing requests and every management token it was given are recorded.
/// </summary>
public sealed class ConsoleStack : IAsyncLifetime
{
    /// <summary>Debian's chromium package; <c>CONSOLE_TESTS_CHROMIUM</c> names another executable.</summary>
    public static string ChromiumPath => Environment.GetEnvironmentVariable("CONSOLE_TESTS_CHROMIUM") ?? "/usr/bin/chromium";

    private readonly ManagementTokens _tokens = new(TimeProvider.System);
    private readonly ConcurrentQueue<string> _minted = new();
    private readonly string _profile = Path.Combine(Path.GetTempPath(), "console-tests-chromium-" + Guid.NewGuid().ToString("N"));

    public DevStack Stack { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public RecordedRequests Requests { get; } = new();

    /// <summary>Every management token the console was handed (none may ever appear in a page).</summary>
    public IReadOnlyCollection<string> MintedTokens => _minted;

    public Uri ConsoleUrl => Stack["console"].BaseUrl;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"The browser tests need Chromium at {ChromiumPath}: install Debian's package (apt-get install chromium; ./test.sh does) "
                    + "or point CONSOLE_TESTS_CHROMIUM at a Chromium executable.");
        }
        Stack = await DevStack.StartAsync(new DevStackSettings
        {
            IssuerPort = 0,
            VerifierPort = 0,
            NotaryPort = 0,
            CompliancePort = 0,
            RegistryPort = 0,
            ConsolePort = 0,
            ServiceArgs = [.. _tokens.ServiceArguments(), "--Issuer:DeferredIntervalSeconds=1"],
            ConsoleTokens = service =>
            {
                var token = DevHostCommand.ConsoleToken(_tokens, service);
                if (token is not null)
                {
                    _minted.Enqueue(token);
                }
                return token;
            },
            ConfigureConsole = builder =>
                builder.Services.ConfigureHttpClientDefaults(http => http.AddHttpMessageHandler(() => Requests.Handler())),
        });
        Browser = await Puppeteer.LaunchAsync(new LaunchOptions
        {
            Headless = true,
            ExecutablePath = ChromiumPath,
            UserDataDir = _profile,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
            ],
        });
    }

    /// <summary>A reference wallet with a fresh did:jwk holder key that trusts DevHost's development CA.</summary>
    public ReferenceWallet NewWallet()
    {
        var anchor = X509Certificate2.CreateFromPem(File.ReadAllText(Stack.DevelopmentCaCertificate));
        var holder = HolderKey.FromECDsaAsDidJwk(ECDsa.Create(ECCurve.NamedCurves.nistP256));
        return new ReferenceWallet(
            holder,
            holder.SigningKey.KeyId!.Split('#')[0],
            new ReferenceWalletOptions { TrustAnchors = [anchor], AllowLoopback = true },
            TimeProvider.System);
    }

    /// <summary>
    /// A new browser tab in a context of its own, signed in to the console with the development sign-in. Whatever the
    /// page logs about a Content-Security-Policy violation is collected in <see cref="BrowserSession.Violations"/>.
    /// </summary>
    public async Task<BrowserSession> SignInAsync(int width = 1280, int height = 900)
    {
        var context = await Browser.CreateBrowserContextAsync();
        var page = await context.NewPageAsync();
        var session = new BrowserSession(context, page);
        page.Console += (_, message) =>
        {
            if (message.Message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                session.Violations.Add(message.Message.Text);
            }
        };
        await page.SetViewportAsync(new ViewPortOptions { Width = width, Height = height });
        await page.GoToAsync(Url("/signin"));
        await Task.WhenAll(page.WaitForNavigationAsync(), page.ClickAsync("#sign-in"));
        return session;
    }

    /// <summary>
    /// Calls a service's API directly, as a back end would (test set-up, and the answers the console must show as they are):
    /// the status code and the JSON body.
    /// </summary>
    public async Task<(int Status, JsonObject Body)> CallAsync(string service, HttpMethod method, string path, JsonNode? body = null)
    {
        using var http = new HttpClient();
        using var message = new HttpRequestMessage(method, new Uri(Stack[service].BaseUrl, path))
        {
            Content = body is null ? null : new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
        };
        var token = service switch
        {
            "issuer" => _tokens.IssuerToken(),
            "verifier" => _tokens.VerifierToken(),
            "registry" => _tokens.RegistryToken(),
            _ => null,
        };
        if (token is not null)
        {
            message.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }
        using var response = await http.SendAsync(message);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, JsonNode.Parse(text.Length == 0 ? "{}" : text)!.AsObject());
    }

    /// <summary>A wallet holding an issuer-signed LegalPerson VC-JWT of <paramref name="legalName"/>.</summary>
    public async Task<ReferenceWallet> WalletWithLegalPersonAsync(string legalName)
    {
        var (status, offer) = await CallAsync("issuer", HttpMethod.Post, "/api/offers", JsonNode.Parse($$"""
            {"credential_configuration_ids": ["LegalPerson_jwt_vc_json"],
             "claims": {"LegalPerson_jwt_vc_json": {"gx:legalName": "{{legalName}}",
               "gx:headquartersAddress": {"gx:countryCode": "DE"}, "gx:legalAddress": {"gx:countryCode": "DE"} } } }
            """));
        Assert.True(status == 201, offer.ToJsonString());
        var wallet = NewWallet();
        await wallet.ReceiveAsync((string)offer["offer_uri"]!, (string?)offer["tx_code"]);
        return wallet;
    }

    /// <summary>The absolute URL of a console path.</summary>
    public string Url(string path) => new Uri(ConsoleUrl, path).ToString();

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
            Browser.Dispose();
        }
        if (Stack is not null)
        {
            await Stack.DisposeAsync();
        }
        _tokens.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still hold a file for a moment; the folder is in the temporary directory.
        }
    }
}
