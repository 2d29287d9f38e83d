using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace GaiaX.Oid4vc.ServiceDefaults;

/// <summary>Helpers for hosting several services in one process (DevHost, tests).</summary>
public static class ServiceHosting
{
    /// <summary>
    /// Lets the embedding host own Ctrl-C and SIGTERM: the service neither listens for console
    /// signals nor stops the process; it stops when its owner calls <c>StopAsync</c>.
    /// </summary>
    public static IServiceCollection UseEmbeddedLifetime(this IServiceCollection services)
    {
        services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        return services;
    }

    private sealed class EmbeddedHostLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
