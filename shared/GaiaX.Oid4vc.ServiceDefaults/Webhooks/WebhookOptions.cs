namespace GaiaX.Oid4vc.ServiceDefaults.Webhooks;

/// <summary>Webhook delivery (<c>Webhooks:*</c>).</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Webhooks";

    /// <summary>Attempts per event before it is given up (logged).</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>The first retry's delay; each further retry doubles it (unless the receiver sends <c>Retry-After</c>).</summary>
    public TimeSpan InitialRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Time-out of one attempt.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The longest wait before a retry, also when the receiver's <c>Retry-After</c> asks for more: a hostile or
    /// broken receiver cannot park a delivery for days.
    /// </summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Deliveries in flight at once; further events wait in the queue (bounded, oldest dropped first).</summary>
    public int MaxConcurrentDeliveries { get; set; } = 32;

    /// <summary>Development only: callbacks to loopback addresses (and plain HTTP) are allowed.</summary>
    public bool AllowLoopback { get; set; }

    /// <summary>
    /// Private networks a callback may reach (CIDR, e.g. a back end inside the cluster at <c>10.0.0.0/8</c>);
    /// every other special-purpose address stays refused.
    /// </summary>
    public IList<string> AllowedNetworks { get; } = [];
}
