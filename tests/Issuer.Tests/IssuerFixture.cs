using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Dapr;
using GaiaX.Oid4vc.Issuer;
using GaiaX.Oid4vc.ServiceDefaults;
using GaiaX.Oid4vc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Issuer.Tests;

/// <summary>
/// One Issuer per test class, in process over real HTTP, wired to an embedded Dapr sidecar (in
/// memory), with a fake clock that tests may move forward.
/// </summary>
public sealed class IssuerFixture : IAsyncLifetime
{
    private DaprTestEnvironment? _dapr;

    // Each fixture has its own development CA and identity files: hosts starting in parallel must
    // not generate the same files at the same time.
    private readonly string _identityData = Path.Combine(Path.GetTempPath(), "issuer-tests-" + Guid.NewGuid().ToString("N"));

    /// <summary>Arguments giving a host its own development identity under <paramref name="root"/>.</summary>
    public static string[] IdentityArgs(string root) =>
        [$"--Identity:DataPath={Path.Combine(root, "issuer")}", $"--Identity:DevelopmentCaPath={Path.Combine(root, "dev-ca")}"];

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    public TestServiceHost Host { get; private set; } = null!;

    public DaprTestEnvironment Dapr => _dapr!;

    public HttpClient Client => Host.Client;

    public string IssuerId => Host.BaseUrl.ToString().TrimEnd('/');

    /// <summary>Extra configuration a derived fixture adds.</summary>
    public IReadOnlyList<string> ExtraArgs { get; init; } = [];

    /// <summary>The sidecar's storage when not the default in-memory one (e.g. one that fails on cue).</summary>
    public GaiaX.Oid4vc.Dapr.Embedded.IEmbeddedStorage? Storage { get; init; }

    public async Task InitializeAsync()
    {
        _dapr = Storage is null ? DaprTestEnvironment.InMemory() : DaprTestEnvironment.WithStorage(Storage);
        Host = await _dapr.StartServiceAsync(
            AppIds.Issuer,
            (args, configure) => IssuerProgram.Create(args, configure),
            IssuerOptions.SectionName,
            ["--Issuer:Management:UseDevelopmentTokens=true", .. IdentityArgs(_identityData), .. ExtraArgs],
            builder => builder.Services.AddSingleton<TimeProvider>(Time));
    }

    public async Task DisposeAsync()
    {
        if (_dapr is not null)
        {
            await _dapr.DisposeAsync();
        }
        if (Directory.Exists(_identityData))
        {
            Directory.Delete(_identityData, recursive: true);
        }
    }

    public TestWallet NewWallet() => new(this);

    /// <summary>Starts an Issuer with <paramref name="args"/> that must refuse to start; the validation failure.</summary>
    public static async Task<Microsoft.Extensions.Options.OptionsValidationException> StartFailureAsync(params string[] args)
    {
        var fixture = new IssuerFixture { ExtraArgs = args };
        try
        {
            return await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(fixture.InitializeAsync);
        }
        finally
        {
            await fixture.DisposeAsync();
        }
    }

    public string ManagementToken(params string[] scopes) =>
        Host.Services.GetRequiredService<DevelopmentTokens>().Create(scopes.Length == 0 ? null : scopes);

    /// <summary>Creates an offer through the management API and returns its JSON answer.</summary>
    public async Task<JsonObject> CreateOfferAsync(object request)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, "/api/offers") { Content = JsonContent.Create(request) };
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ManagementToken());
        using var response = await Client.SendAsync(message);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"offer creation answered {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    public async Task<JsonObject?> OfferStatusAsync(string offerId)
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, $"/api/offers/{offerId}");
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ManagementToken());
        using var response = await Client.SendAsync(message);
        return response.IsSuccessStatusCode ? JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject() : null;
    }

    public static object LegalPersonOffer(bool txCode = true, string configuration = "LegalPerson_jwt_vc_json") => new Dictionary<string, object?>
    {
        ["credential_configuration_ids"] = new[] { configuration },
        ["claims"] = new Dictionary<string, object>
        {
            [configuration] = configuration == "LegalPerson_dc_sd_jwt"
                ? new Dictionary<string, object> { ["legal_name"] = "Example AG", ["headquarters_country"] = "DE" }
                : new Dictionary<string, object>
                {
                    ["gx:legalName"] = "Example AG",
                    ["gx:headquartersAddress"] = new Dictionary<string, object> { ["gx:countryCode"] = "DE" },
                    ["gx:legalAddress"] = new Dictionary<string, object> { ["gx:countryCode"] = "DE" },
                },
        },
        ["tx_code"] = txCode ? new { input_mode = "numeric", length = 6, description = "sent by e-mail" } : null,
    };
}
