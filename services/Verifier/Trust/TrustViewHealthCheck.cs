using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace GaiaX.Oid4vc.Verifier.Trust;

/// <summary>
/// Readiness: a Verifier that follows the Registry but knows no trust list yet cannot judge a presentation (it answers
/// 503), so it is not ready, and says why.
/// </summary>
public sealed class TrustViewHealthCheck(TrustListFollower trust) : IHealthCheck
{
    public const string Name = "registry-trust-list";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(
            (trust.Following, trust.Current) switch
            {
                (false, _) => HealthCheckResult.Healthy("The Verifier trusts its configuration (it does not follow the Registry)."),
                (true, null) => HealthCheckResult.Unhealthy(
                    "The Verifier follows the Registry's trust list but has received none and has none stored: presentations "
                        + "are answered 503 until trust-list-changed arrives (the Registry republishes its list periodically)."
                ),
                (true, { Version: TrustView.ConfiguredVersion }) => HealthCheckResult.Healthy(
                    "No trust list from the Registry yet: judging with the configured trust (Verifier:Trust:Registry:Bootstrap)."
                ),
                (true, { } view) => HealthCheckResult.Healthy($"Judging with the Registry's trust list at version {view.Version}."),
            }
        );
}
