using System.Diagnostics.Metrics;
using GaiaX.Oid4vc.Credentials.RegistrationNumbers;
using GaiaX.Oid4vc.Notary.Registries;

namespace GaiaX.Oid4vc.Notary.Verification;

/// <summary>
/// The Notary's metrics (meter <c>GaiaX.Oid4vc.Notary</c>): every call to an authoritative registry,
/// by registry and outcome, and how long it took, so an operator sees a registry's availability apart
/// from the numbers it rejects. Never tagged with the number itself.
/// </summary>
public sealed class NotaryMetrics
{
    public const string MeterName = "GaiaX.Oid4vc.Notary";

    private readonly Counter<long> _calls;
    private readonly Histogram<double> _duration;

    public NotaryMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _calls = meter.CreateCounter<long>(
            "gaiax.notary.registry.calls",
            unit: "{call}",
            description: "Registry calls, by registry and outcome (valid, invalid, unavailable, error)."
        );
        _duration = meter.CreateHistogram<double>("gaiax.notary.registry.duration", unit: "s", description: "Registry call duration.");
    }

    public void RegistryCalled(RegistrationNumberType type, RegistryCheckResult result, TimeSpan duration)
    {
        var registry = new KeyValuePair<string, object?>("registry", RegistryOf(type));
        var outcome = result switch
        {
            RegistryCheckResult.Registered => "valid",
            RegistryCheckResult.NotRegistered or RegistryCheckResult.InvalidInput => "invalid",
            RegistryCheckResult.Unavailable => "unavailable",
            _ => "error",
        };
        _calls.Add(1, registry, new KeyValuePair<string, object?>("outcome", outcome));
        _duration.Record(duration.TotalSeconds, registry);
    }

    private static string RegistryOf(RegistrationNumberType type) =>
        type switch
        {
            RegistrationNumberType.VatId => "vies",
            RegistrationNumberType.Eori => "eori",
            RegistrationNumberType.LeiCode => "gleif",
            _ => "configured",
        };
}
