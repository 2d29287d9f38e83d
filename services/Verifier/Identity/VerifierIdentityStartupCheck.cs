namespace GaiaX.Oid4vc.Verifier.Identity;

/// <summary>
/// Loads the Verifier's X.509 identity and its Verifier Attestation JWT while the host starts, so that a certificate,
/// key or attestation that does not fit stops the start with the message naming its setting, rather than failing the
/// first request made with that client identifier prefix.
/// </summary>
internal sealed class VerifierIdentityStartupCheck(IVerifierIdentity identity) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Resolving the identity is the check: the constructor loads and validates what is configured.
        _ = identity.Did;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
