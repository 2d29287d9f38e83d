using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Credentials.Keys;
using GaiaX.Oid4vc.Credentials.VcJwt;
using GaiaX.Oid4vc.Dapr;
using GaiaX.Oid4vc.Dapr.Embedded;
using GaiaX.Oid4vc.RegistrySandbox;
using GaiaX.Oid4vc.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace GaiaX.Oid4vc.Notary.Tests;

/// <summary>
/// A Notary on a free port whose registries (VIES, EORI, GLEIF, and the configurable ones) are one
/// WireMock.Net server of its own, with resilience settings short enough for tests.
/// </summary>
internal sealed class NotaryUnderTest : IAsyncDisposable
{
    public const string SubjectId = "did:web:participant.example";
    public const string VcId = "https://participant.example/credentials/registration-number";

    /// <summary>Placeholder in settings for the registries' base URL, known once WireMock runs.</summary>
    public const string RegistriesUrl = "{registries}";

    private NotaryUnderTest(WireMockServer registries, DaprTestEnvironment dapr, TestServiceHost host)
    {
        Registries = registries;
        Dapr = dapr;
        Host = host;
    }

    /// <summary>The embedded Dapr runtime (in memory) the Notary's real DaprClient talks to.</summary>
    public DaprTestEnvironment Dapr { get; }

    public WireMockServer Registries { get; }

    public TestServiceHost Host { get; }

    public HttpClient Client => Host.Client;

    /// <summary>Requests the registries received so far.</summary>
    public int RegistryCalls => Registries.LogEntries.Count();

    public string ViesEndpoint => Registries.Url + RegistryWireFormats.ViesPath;

    public static async Task<NotaryUnderTest> StartAsync(IEnumerable<string>? settings = null, Action<WebApplicationBuilder>? configure = null, EmbeddedDaprOptions? daprOptions = null)
    {
        var registries = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
        var args = new List<string>
        {
            $"--Notary:Registries:Vies:Endpoint={registries.Url}{RegistryWireFormats.ViesPath}",
            $"--Notary:Registries:Eori:Endpoint={registries.Url}{RegistryWireFormats.EoriPath}",
            $"--Notary:Registries:Gleif:Endpoint={registries.Url}{RegistryWireFormats.GleifBasePath}",
        };
        foreach (var registry in new[] { "Vies", "Eori", "Gleif", "TaxId", "Euid", "Local" })
        {
            args.Add($"--Notary:Registries:{registry}:RetryBaseDelay=00:00:00.010");
            // Generous: a loaded CI machine must not turn a slow loopback answer into a retry.
            args.Add($"--Notary:Registries:{registry}:AttemptTimeout=00:00:05");
            args.Add($"--Notary:Registries:{registry}:TotalTimeout=00:00:10");
            // Tests that are not about the breaker must not trip it.
            args.Add($"--Notary:Registries:{registry}:CircuitMinimumThroughput=1000");
        }
        args.AddRange((settings ?? []).Select(s => s.Replace(RegistriesUrl, registries.Url, StringComparison.Ordinal)));
        var dapr = DaprTestEnvironment.InMemory(daprOptions);
        try
        {
            var host = await dapr.StartServiceAsync(AppIds.Notary, (a, c) => NotaryProgram.Create(a, c), "Notary", args, configure).ConfigureAwait(false);
            return new NotaryUnderTest(registries, dapr, host);
        }
        catch
        {
            await dapr.DisposeAsync().ConfigureAwait(false);
            registries.Stop();
            throw;
        }
    }

    public Task<HttpResponseMessage> GetCredentialAsync(string type, string value, string? subjectId = SubjectId, string? vcId = VcId)
    {
        var query = new List<string>();
        if (vcId is not null)
        {
            query.Add("vcId=" + Uri.EscapeDataString(vcId));
        }
        if (subjectId is not null)
        {
            query.Add("subjectId=" + Uri.EscapeDataString(subjectId));
        }
        var request = new HttpRequestMessage(HttpMethod.Get, $"/registration-numbers/{type}/{Uri.EscapeDataString(value)}?{string.Join('&', query)}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vc+jwt"));
        return Client.SendAsync(request);
    }

    public void GivenVies(string countryCode, string vatNumber, int status, string body, TimeSpan? delay = null)
    {
        var response = Response.Create().WithStatusCode(status).WithHeader("Content-Type", RegistryWireFormats.SoapContentType).WithBody(body);
        if (delay is { } d)
        {
            response = response.WithDelay(d);
        }
        Registries.Given(Request.Create().WithPath(RegistryWireFormats.ViesPath).UsingPost()
                .WithBody((string? b) => RegistryWireFormats.ReadCheckVatRequest(b) == (countryCode, vatNumber)))
            .RespondWith(response);
    }

    public void GivenEori(string eori, int status, string body, TimeSpan? delay = null)
    {
        var response = Response.Create().WithStatusCode(status).WithHeader("Content-Type", RegistryWireFormats.SoapContentType).WithBody(body);
        if (delay is { } d)
        {
            response = response.WithDelay(d);
        }
        Registries.Given(Request.Create().WithPath(RegistryWireFormats.EoriPath).UsingPost()
                .WithBody((string? b) => RegistryWireFormats.ReadValidateEoriRequest(b) == eori))
            .RespondWith(response);
    }

    public void GivenGleif(string lei, int status, string body, TimeSpan? delay = null, string? retryAfter = null)
    {
        var response = Response.Create().WithStatusCode(status).WithHeader("Content-Type", RegistryWireFormats.JsonApiContentType).WithBody(body);
        if (delay is { } d)
        {
            response = response.WithDelay(d);
        }
        if (retryAfter is not null)
        {
            response = response.WithHeader("Retry-After", retryAfter);
        }
        Registries.Given(Request.Create().WithPath($"{RegistryWireFormats.GleifBasePath}/lei-records/{lei}").UsingGet()).RespondWith(response);
    }

    public void GivenJson(string path, int status, string? body = null)
    {
        var response = Response.Create().WithStatusCode(status);
        if (body is not null)
        {
            response = response.WithHeader("Content-Type", "application/json").WithBody(body);
        }
        Registries.Given(Request.Create().WithPath(path).UsingGet()).RespondWith(response);
    }

    /// <summary>The JWT's payload, decoded (the signature is checked separately).</summary>
    public static JsonObject Payload(string jwt)
    {
        var parts = jwt.Split('.');
        Assert.Equal(3, parts.Length);
        var json = Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(parts[1]));
        return JsonNode.Parse(json)!.AsObject();
    }

    /// <summary>
    /// Verifies a VC-JWT with the credential core as any verifier would: the issuer's did:web document
    /// fetched over HTTP from the running Notary, its x5c chain checked to the trust anchor (the
    /// development CA), the signature, the validity window and the VCDM rules.
    /// </summary>
    public async Task<JsonObject> VerifiedCredentialAsync(string jwt)
    {
        var result = await Host.Services.GetRequiredService<VcJwtVerifier>().VerifyAsync(jwt);
        Assert.True(result.Succeeded, result.Error?.ToString());
        var identity = Host.Services.GetRequiredService<ServiceIdentity>();
        Assert.Equal(identity.Did, result.Value.Issuer);
        Assert.Equal(identity.Did, result.Value.Key.Controller);
        return JsonNode.Parse(result.Value.Credential.GetRawText())!.AsObject();
    }

    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, int status)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        return problem;
    }

    public async ValueTask DisposeAsync()
    {
        await Dapr.DisposeAsync().ConfigureAwait(false);
        Registries.Stop();
        Registries.Dispose();
    }
}
