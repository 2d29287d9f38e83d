using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using GaiaX.Oid4vc.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.ServiceDefaults.Tests;

public sealed class ServiceDefaultsTests
{
    private const string ProblemJson = "application/problem+json";

    private static void MapProbeEndpoints(WebApplication app)
    {
        app.MapPost("/test/json", (Dictionary<string, string> body) => Results.Ok(body.Count));
        app.MapPost("/test/stream", async (HttpRequest request) =>
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer);
            return Results.Ok(buffer.Length);
        });
        app.MapGet("/test/throw", string () => throw new InvalidOperationException("secret internal detail"));
    }

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(ProblemJson, response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        return problem;
    }

    [Theory]
    [MemberData(nameof(ServiceCatalog.Names), MemberType = typeof(ServiceCatalog))]
    public async Task Liveness_endpoint_answers_200(string service)
    {
        await using var host = await ServiceCatalog.StartAsync(service);
        var response = await host.Client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [MemberData(nameof(ServiceCatalog.Names), MemberType = typeof(ServiceCatalog))]
    public async Task Readiness_endpoint_answers_200_when_the_dapr_sidecar_is_reachable(string service)
    {
        await using var dapr = DaprTestEnvironment.InMemory();
        var host = await dapr.StartServiceAsync(service.ToLowerInvariant(), ServiceCatalog.Factory(service), service);

        // Probed the way a kubelet probes: the first gRPC call warms a connection, and on a loaded
        // machine it can outlast the check's 2 s budget once; readiness must settle on 200 soon after.
        var status = HttpStatusCode.ServiceUnavailable;
        for (var attempt = 0; attempt < 10 && status != HttpStatusCode.OK; attempt++)
        {
            if (attempt > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500));
            }
            status = (await host.Client.GetAsync("/readyz")).StatusCode;
        }
        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Theory]
    [MemberData(nameof(ServiceCatalog.Names), MemberType = typeof(ServiceCatalog))]
    public async Task Readiness_endpoint_answers_503_while_the_dapr_sidecar_is_unreachable_and_liveness_stays_200(string service)
    {
        // A port nobody listens on: the service is alive but must not receive traffic.
        await using var host = await ServiceCatalog.StartAsync(service, [$"--Dapr:GrpcEndpoint=http://127.0.0.1:{TestServiceHost.FreePort()}"]);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await host.Client.GetAsync("/readyz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync("/healthz")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(ServiceCatalog.Names), MemberType = typeof(ServiceCatalog))]
    public async Task Unknown_route_answers_404_problem_details(string service)
    {
        await using var host = await ServiceCatalog.StartAsync(service);
        var problem = await AssertProblemAsync(await host.Client.GetAsync("/no/such/route"), HttpStatusCode.NotFound);
        Assert.Equal("/no/such/route", problem.GetProperty("instance").GetString());
    }

    [Theory]
    [MemberData(nameof(ServiceCatalog.Names), MemberType = typeof(ServiceCatalog))]
    public async Task Wrong_method_answers_405_problem_details(string service)
    {
        await using var host = await ServiceCatalog.StartAsync(service, beforeStart: MapProbeEndpoints);
        await AssertProblemAsync(await host.Client.GetAsync("/test/json"), HttpStatusCode.MethodNotAllowed);
    }

    [Theory]
    [MemberData(nameof(ServiceCatalog.Names), MemberType = typeof(ServiceCatalog))]
    public async Task Wrong_content_type_answers_415_problem_details(string service)
    {
        await using var host = await ServiceCatalog.StartAsync(service, beforeStart: MapProbeEndpoints);
        using var content = new StringContent("a=b", Encoding.UTF8, "text/plain");
        await AssertProblemAsync(await host.Client.PostAsync("/test/json", content), HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [MemberData(nameof(ServiceCatalog.Names), MemberType = typeof(ServiceCatalog))]
    public async Task Malformed_json_body_answers_400_problem_details(string service)
    {
        await using var host = await ServiceCatalog.StartAsync(service, beforeStart: MapProbeEndpoints);
        using var content = new StringContent("{\"a\":", Encoding.UTF8, "application/json");
        await AssertProblemAsync(await host.Client.PostAsync("/test/json", content), HttpStatusCode.BadRequest);
    }

    [Theory]
    [MemberData(nameof(ServiceCatalog.Names), MemberType = typeof(ServiceCatalog))]
    public async Task Oversized_body_with_content_length_answers_413_problem_details(string service)
    {
        await using var host = await ServiceCatalog.StartAsync(service, ["--RequestLimits:MaxRequestBodyBytes=4096"], MapProbeEndpoints);
        using var content = new ByteArrayContent(new byte[8192]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var problem = await AssertProblemAsync(await host.Client.PostAsync("/test/stream", content), HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("4096", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ServiceCatalog.Names), MemberType = typeof(ServiceCatalog))]
    public async Task Oversized_chunked_body_answers_413_problem_details(string service)
    {
        await using var host = await ServiceCatalog.StartAsync(service, ["--RequestLimits:MaxRequestBodyBytes=4096"], MapProbeEndpoints);
        using var content = new StreamContent(new NonSeekableStream(new byte[64 * 1024]));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/test/stream") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        await AssertProblemAsync(await host.Client.SendAsync(request), HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [MemberData(nameof(ServiceCatalog.Names), MemberType = typeof(ServiceCatalog))]
    public async Task Body_within_limit_is_accepted(string service)
    {
        await using var host = await ServiceCatalog.StartAsync(service, ["--RequestLimits:MaxRequestBodyBytes=4096"], MapProbeEndpoints);
        using var content = new ByteArrayContent(new byte[4096]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var response = await host.Client.PostAsync("/test/stream", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("4096", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [MemberData(nameof(ServiceCatalog.Names), MemberType = typeof(ServiceCatalog))]
    public async Task Unhandled_exception_answers_500_problem_details_without_leaking_details(string service)
    {
        await using var host = await ServiceCatalog.StartAsync(service, beforeStart: MapProbeEndpoints);
        var response = await host.Client.GetAsync("/test/throw");
        var body = await response.Content.ReadAsStringAsync();
        var problem = await AssertProblemAsync(response, HttpStatusCode.InternalServerError);
        Assert.DoesNotContain("secret internal detail", body, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", body, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        Assert.True(problem.TryGetProperty("traceId", out _));
    }

    [Theory]
    [MemberData(nameof(ServiceCatalog.Names), MemberType = typeof(ServiceCatalog))]
    public async Task OpenApi_document_is_served(string service)
    {
        await using var host = await ServiceCatalog.StartAsync(service);
        var response = await host.Client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.StartsWith("3.", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ServiceCatalog.Names), MemberType = typeof(ServiceCatalog))]
    public async Task Invalid_required_setting_stops_the_host_with_a_message_naming_it(string service)
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            ServiceCatalog.StartAsync(service, [$"--{service}:PublicBaseUrl=not-a-url"]));
        Assert.Contains($"{service}:PublicBaseUrl", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ServiceCatalog.Names), MemberType = typeof(ServiceCatalog))]
    public async Task Out_of_range_request_limit_stops_the_host_with_a_message_naming_it(string service)
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            ServiceCatalog.StartAsync(service, ["--RequestLimits:MaxRequestBodyBytes=1"]));
        Assert.Contains("RequestLimits:MaxRequestBodyBytes", failure.Message, StringComparison.Ordinal);
    }

    /// <summary>A stream without a length, so HttpClient must send it chunked.</summary>
    private sealed class NonSeekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
