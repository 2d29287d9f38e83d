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

    /// <summary>Development only: callbacks to loopback addresses (and plain HTTP) are allowed.</summary>
    public bool AllowLoopback { get; set; }
}
