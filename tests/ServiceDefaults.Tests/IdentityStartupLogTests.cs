using System.Collections.Concurrent;
using GaiaX.Oid4vc.Credentials.Keys;
using GaiaX.Oid4vc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GaiaX.Oid4vc.ServiceDefaults.Tests;

/// <summary>At start each service says in one line who it is (DID, key, source) and whom it trusts.</summary>
public sealed class IdentityStartupLogTests
{
    [Theory]
    [MemberData(nameof(ServiceCatalog.Names), MemberType = typeof(ServiceCatalog))]
    public async Task Start_logs_the_did_the_signing_key_and_the_trust_anchors(string service)
    {
        using var logs = new CapturingLoggerProvider();
        await using var host = await TestServiceHost.StartAsync(
            ServiceCatalog.Factory(service),
            service,
            ["--Logging:LogLevel:GaiaX.Oid4vc.Credentials.Hosting=Information"],
            configure: builder => builder.Logging.AddProvider(logs)
        );
        var identity = host.Services.GetRequiredService<ServiceIdentity>();

        var line = Assert.Single(logs.Messages, m => m.StartsWith("Identity ", StringComparison.Ordinal));

        Assert.StartsWith($"Identity {identity.Did}: signing key {identity.KeyId} (Identity:Source Development, ", line, StringComparison.Ordinal);
        Assert.Contains("trust anchors: CN=", line, StringComparison.Ordinal);
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose() { }

        private sealed class Logger(CapturingLoggerProvider provider) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                provider.Messages.Enqueue(formatter(state, exception));
        }
    }
}
