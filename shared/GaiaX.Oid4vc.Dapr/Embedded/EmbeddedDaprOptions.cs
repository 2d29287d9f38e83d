using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GaiaX.Oid4vc.Dapr.Embedded;

/// <summary>How the embedded sidecar behaves. Defaults follow daprd's (at-least-once, retries with back-off).</summary>
public sealed record EmbeddedDaprOptions
{
    /// <summary>The clock for state TTL.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Delivers every event twice (same CloudEvent id), to prove handlers are idempotent.</summary>
    public bool DuplicateDelivery { get; init; }

    /// <summary>Deliveries answered with RETRY or a non-2xx/404 status before the event goes to the dead-letter topic.</summary>
    public int MaxDeliveryAttempts { get; init; } = 5;

    /// <summary>The first retry delay; it doubles each attempt up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan InitialRetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How often to try again while the app does not accept connections. Those attempts do not count
    /// towards <see cref="MaxDeliveryAttempts"/>: an app that is down gets its events once it is up.
    /// </summary>
    public TimeSpan AppUnreachableRetryDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Deliveries in flight per app.</summary>
    public int MaxConcurrentDeliveries { get; init; } = 16;

    /// <summary>How long the app may take to answer one delivery (a timeout counts as a failed attempt).</summary>
    public TimeSpan DeliveryTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long <see cref="EmbeddedDaprSidecar.AttachAppAsync"/> waits for the app's <c>/dapr/subscribe</c>.</summary>
    public TimeSpan AppStartTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;
}
