using GaiaX.Oid4vc.Credentials.Keys;
using GaiaX.Oid4vc.Credentials.X509;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Credentials.Hosting;

/// <summary>
/// Loads the service identity and the trust anchors while the host starts (after the options are
/// validated), so that a key, certificate or anchor that cannot be had stops the start with the message
/// naming its setting, rather than failing the first request that signs or verifies; then says in one line
/// who the service is and whom it trusts, which is what an operator checks first.
/// </summary>
internal sealed partial class ServiceIdentityStartupCheck(IServiceProvider services, ILogger<ServiceIdentityStartupCheck> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var identity = services.GetRequiredService<ServiceIdentity>();
        var anchors = services.GetRequiredService<TrustAnchors>();
        var source = services.GetRequiredService<IOptions<IdentityOptions>>().Value.Source;
        LogIdentity(
            logger,
            identity.Did,
            identity.KeyId,
            source,
            identity
                .CertificateChain.FirstOrDefault()
                ?.NotAfter.ToUniversalTime()
                .ToString("O", System.Globalization.CultureInfo.InvariantCulture)
                ?? "(no certificate)",
            identity.PublishedKeyIds.Count,
            anchors.Certificates.Count == 0 ? "(none)" : string.Join("; ", anchors.Certificates.Select(c => c.Subject))
        );
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "Identity {Did}: signing key {KeyId} (Identity:Source {Source}, certificate valid until {NotAfter}), "
            + "{PublishedKeys} further key(s) published; trust anchors: {Anchors}"
    )]
    private static partial void LogIdentity(
        ILogger logger,
        string did,
        string keyId,
        IdentitySource source,
        string notAfter,
        int publishedKeys,
        string anchors
    );
}
