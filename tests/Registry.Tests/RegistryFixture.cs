using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Dapr;
using GaiaX.Oid4vc.Dapr.Events;
using GaiaX.Oid4vc.Registry;
using GaiaX.Oid4vc.ServiceDefaults;
using GaiaX.Oid4vc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Registry.Tests;

/// <summary>
/// A Registry with its sidecar, bootstrapped with one trust anchor (<see cref="Pki"/>'s root) and one registration
/// notary, development management tokens, loopback chain URLs allowed; and an app recording trust-list-changed.
/// </summary>
public sealed class RegistryFixture : IAsyncLifetime
{
    public const string Notary = "did:web:notary.example";

    private DaprTestEnvironment? _dapr;

    public TestPki Pki { get; } = new("Registry Test Root", withIntermediate: true);

    public IntegrationEventRecorder Events { get; } = new IntegrationEventRecorder().Subscribe<TrustListChanged>("/trust-list-changed");

    public TestServiceHost Host { get; private set; } = null!;

    public HttpClient Client => Host.Client;

    public DaprTestEnvironment Dapr => _dapr!;

    public async Task InitializeAsync()
    {
        _dapr = DaprTestEnvironment.InMemory();
        await Events.StartAsync(_dapr, "trust-observer");
        Host = await _dapr.StartServiceAsync(
            AppIds.Registry,
            (args, configure) => RegistryProgram.Create(args, configure),
            RegistryOptions.SectionName,
            [
                "--Registry:Management:UseDevelopmentTokens=true",
                "--Registry:AllowLoopbackChainUrls=true",
                $"--Registry:Bootstrap:TrustAnchorCertificates:0={Pki.Root.ExportCertificatePem()}",
                $"--Registry:Bootstrap:TrustedIssuers:registration-notary:0={Notary}",
                "--Registry:TermsAndConditions:Text=The PARTICIPANT signing the Self-Description agrees as follows.",
                $"--Registry:Ontologies:2511:ShapesPath={Official("gx.shacl.ttl")}",
                $"--Registry:Ontologies:2511:OntologyPath={Official("gx.owl.ttl")}",
                $"--Registry:Ontologies:2511:ContextPath={Official("gx.context.jsonld")}",
            ]
        );
    }

    /// <summary>A file of the official Gaia-X 25.11 release (read from ../shared/data, never copied).</summary>
    public static string Official(string name) => Path.Combine(RepositoryPaths.SharedData, "gaiax-25.11", name);

    public async Task DisposeAsync()
    {
        if (_dapr is not null)
        {
            await _dapr.DisposeAsync();
        }
    }

    public string Token(params string[] scopes) =>
        Host.Services.GetRequiredService<DevelopmentTokens>().Create(scopes.Length == 0 ? null : scopes);

    /// <summary>Sends a management request with a token of <paramref name="scopes"/> (both when none are named).</summary>
    public async Task<HttpResponseMessage> ManageAsync(HttpMethod method, string path, object? body = null, params string[] scopes)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token(scopes));
        return await Client.SendAsync(request);
    }

    public async Task<JsonObject> TrustListAsync()
    {
        using var response = await ManageAsync(HttpMethod.Get, "/api/management/trust-list");
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }
}
