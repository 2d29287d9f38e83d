using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Issuer;
using GaiaX.Oid4vc.Testing;
using Microsoft.Extensions.Logging;

namespace Issuer.Tests;

/// <summary>
/// <c>dotnet run --project services/Issuer</c> without a sidecar: every endpoint that needs state answers
/// 503 problem details with <c>Retry-After</c>, and the log says once how to start a sidecar or DevHost.
/// </summary>
public sealed class IssuerWithoutSidecarTests
{
    private static async Task<(TestServiceHost Host, ConcurrentQueue<string> Log)> StartAloneAsync()
    {
        var log = new ConcurrentQueue<string>();
        var host = await TestServiceHost.StartAsync(
            (a, c) => IssuerProgram.Create(a, c),
            "Issuer",
            [
                // A port nothing listens on: the sidecar is simply not there.
                "--Dapr:GrpcEndpoint=http://127.0.0.1:9",
                "--Dapr:HttpEndpoint=http://127.0.0.1:9",
                .. IssuerFixture.IdentityArgs(Path.Combine(Path.GetTempPath(), "issuer-alone-" + Guid.NewGuid().ToString("N"))),
            ],
            builder => builder.Logging.AddProvider(new QueueLoggerProvider(log))
        );
        return (host, log);
    }

    [Fact]
    public async Task Nonce_without_a_sidecar_is_503_problem_details_with_retry_after()
    {
        var (host, _) = await StartAloneAsync();
        await using var _host = host;

        using var response = await host.Client.PostAsync("/nonce", null);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(503, (int)problem["status"]!);
    }

    [Fact]
    public async Task Credential_offer_by_reference_without_a_sidecar_is_503_not_404_or_500()
    {
        var (host, _) = await StartAloneAsync();
        await using var _host = host;

        using var response = await host.Client.GetAsync("/credential-offer/some-offer");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    [Fact]
    public async Task Start_without_a_sidecar_logs_one_line_saying_how_to_start_one_or_devhost()
    {
        var (host, log) = await StartAloneAsync();
        await using var _host = host;

        var logged = await Poll.UntilAsync(() => log.Any(l => l.Contains("No Dapr sidecar answers", StringComparison.Ordinal)));

        Assert.True(logged, string.Join('\n', log));
        var line = Assert.Single(log, l => l.Contains("No Dapr sidecar answers", StringComparison.Ordinal));
        Assert.Contains("dapr run --app-id issuer --app-port ", line, StringComparison.Ordinal);
        Assert.Contains("dotnet run --project services/DevHost", line, StringComparison.Ordinal);
    }

    private sealed class QueueLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new QueueLogger(lines);

        public void Dispose() { }

        private sealed class QueueLogger(ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    lines.Enqueue(formatter(state, exception));
                }
            }
        }
    }
}
