using System.ComponentModel.DataAnnotations;
using GaiaX.Oid4vc.ServiceDefaults;

namespace GaiaX.Oid4vc.Notary.Registries;

/// <summary>
/// Where a registry is and how hard the Notary leans on it: the time-outs, retries, circuit breaker
/// and concurrency limit of that registry's own resilience pipeline. Each registry has its own
/// section under <c>Notary:Registries</c>, so one failing registry never trips another's breaker.
/// </summary>
public abstract class RegistryClientOptions : IValidatableObject
{
    /// <summary>
    /// The registry endpoint (absolute http/https URL). For the configurable registries (tax ID,
    /// EUID, local) it is a template with <c>{value}</c> (and optionally <c>{country}</c>); when it
    /// is empty those types are checked for syntax only and the credential's evidence says so.
    /// </summary>
    public string? Endpoint { get; set; }

    /// <summary>Time-out of one attempt.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:05:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Time-out of the whole call, retries included.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries of a transient fault (0 = none). Non-transient answers are never retried.</summary>
    [Range(0, 10)]
    public int MaxRetryAttempts { get; set; } = 2;

    /// <summary>Base delay of the exponential back-off (with jitter) between retries.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Longest <c>Retry-After</c> a retry waits for. A registry asking for a longer pause is not
    /// retried: the caller gets 503 with that <c>Retry-After</c> at once instead of a hung request.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan MaxRetryAfterWait { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Share of failed calls within <see cref="CircuitSamplingDuration"/> that opens the circuit.</summary>
    [Range(0.01, 1.0)]
    public double CircuitFailureRatio { get; set; } = 0.5;

    /// <summary>Calls needed within the sampling window before the failure ratio counts.</summary>
    [Range(2, 10_000)]
    public int CircuitMinimumThroughput { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan CircuitSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit rejects calls before it lets one probe through.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan CircuitBreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Calls in flight to this registry at once (VIES refuses bursts of parallel requests).</summary>
    [Range(1, 1_000)]
    public int MaxConcurrentRequests { get; set; } = 4;

    /// <summary>Calls that may wait for a free slot; beyond that a caller gets 503 at once.</summary>
    [Range(0, 10_000)]
    public int QueueLimit { get; set; } = 64;

    /// <summary><c>Retry-After</c> advertised when the registry is unavailable and does not say how long.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan DefaultRetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether <see cref="Endpoint"/> must be set (the EU registries and GLEIF always need one).</summary>
    protected virtual bool EndpointRequired => true;

    /// <summary>Whether <see cref="Endpoint"/> is a template that must hold <c>{value}</c>.</summary>
    protected virtual bool EndpointIsTemplate => false;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(Endpoint))
        {
            if (EndpointRequired)
            {
                yield return new ValidationResult("must be set to the registry's absolute http or https URL", [nameof(Endpoint)]);
            }
            yield break;
        }

        var candidate = Endpoint;
        if (EndpointIsTemplate)
        {
            if (!Endpoint.Contains("{value}", StringComparison.Ordinal))
            {
                yield return new ValidationResult("must contain the placeholder {value}", [nameof(Endpoint)]);
            }
            candidate = Endpoint.Replace("{value}", "x", StringComparison.Ordinal).Replace("{country}", "x", StringComparison.Ordinal);
        }
        if (!new AbsoluteHttpUrlAttribute().IsValid(candidate))
        {
            yield return new ValidationResult("must be an absolute http or https URL without a fragment", [nameof(Endpoint)]);
        }
        if (TotalTimeout < AttemptTimeout)
        {
            yield return new ValidationResult($"must not be shorter than {nameof(AttemptTimeout)}", [nameof(TotalTimeout)]);
        }
    }
}
