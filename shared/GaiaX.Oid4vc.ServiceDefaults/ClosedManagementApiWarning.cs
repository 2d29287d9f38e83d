using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GaiaX.Oid4vc.ServiceDefaults;

/// <summary>Says at start that the management API refuses every call until authentication is configured.</summary>
internal sealed partial class ClosedManagementApiWarning(string section, ILogger<ClosedManagementApiWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogClosed(logger, section);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "The management API refuses every call: configure Authority, SigningKeyJwk, "
            + "SigningKeysJwks, or (development) UseDevelopmentTokens in section {Section}."
    )]
    private static partial void LogClosed(ILogger logger, string section);
}
