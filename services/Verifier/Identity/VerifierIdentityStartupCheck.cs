namespace GaiaX.Oid4vc.Verifier.Identity;

/// <summary>
/// Loads the Verifier's X.509 identity and its Verifier Attestation JWT while the host starts (after the options are
/// validated), so that a certificate, key or attestation that does not fit stops the start with the message naming its
/// setting, rather than failing the first request made with that client identifier prefix.
/// </summary>
internal sealed class VerifierIdentityStartupCheck(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Resolved here, not injected: the hosted services are built before the options are validated.
        _ = services.GetRequiredService<IVerifierIdentity>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
