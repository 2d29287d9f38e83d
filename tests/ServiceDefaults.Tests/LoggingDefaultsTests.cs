using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GaiaX.Oid4vc.ServiceDefaults.Tests;

/// <summary>
/// The framework's per-request logs cost a production service much of its CPU per request, so they are off unless a
/// deployment turns them on; the services' own logs stay at Information.
/// </summary>
public sealed class LoggingDefaultsTests
{
    [Theory]
    [MemberData(nameof(ServiceCatalog.Names), MemberType = typeof(ServiceCatalog))]
    public async Task Per_request_framework_logs_are_off_by_default_and_the_services_own_information_logs_are_on(string service)
    {
        // As a deployment runs it: the test host's own quieter default put back to Information.
        await using var host = await ServiceCatalog.StartAsync(service, ["--Logging:LogLevel:Default=Information"]);
        var loggers = host.Services.GetRequiredService<ILoggerFactory>();

        Assert.False(loggers.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").IsEnabled(LogLevel.Information));
        Assert.False(loggers.CreateLogger("Microsoft.AspNetCore.Routing.EndpointMiddleware").IsEnabled(LogLevel.Information));
        Assert.True(loggers.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").IsEnabled(LogLevel.Warning));
        Assert.True(loggers.CreateLogger($"GaiaX.Oid4vc.{service}.Anything").IsEnabled(LogLevel.Information));
    }

    [Fact]
    public async Task A_deployment_can_turn_the_per_request_logs_back_on()
    {
        await using var host = await ServiceCatalog.StartAsync("Issuer", ["--Logging:LogLevel:Microsoft.AspNetCore=Information"]);
        var loggers = host.Services.GetRequiredService<ILoggerFactory>();

        Assert.True(loggers.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").IsEnabled(LogLevel.Information));
    }
}
