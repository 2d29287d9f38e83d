using GaiaX.Oid4vc.Credentials.Keys;
using GaiaX.Oid4vc.Credentials.X509;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace GaiaX.Oid4vc.Credentials.Hosting;

/// <summary>
/// Loads the service identity and the trust anchors while the host starts (after the options are
/// validated), so that a key, certificate or anchor that cannot be had stops the start with the message
/// naming its setting, rather than failing the first request that signs or verifies.
/// </summary>
internal sealed class ServiceIdentityStartupCheck(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<ServiceIdentity>();
        _ = services.GetRequiredService<TrustAnchors>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
