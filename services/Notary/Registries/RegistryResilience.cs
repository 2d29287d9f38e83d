using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;

namespace GaiaX.Oid4vc.Notary.Registries;

/// <summary>
/// The resilience pipeline of one registry client, replacing the standard handler ServiceDefaults
/// gives every HttpClient. Outer to inner: total time-out (queueing included), concurrency limit
/// (VIES refuses parallel bursts), retry with jittered exponential back-off for transient faults
/// only, the registry's own circuit breaker, and the per-attempt time-out.
/// </summary>
internal static class RegistryResilience
{
    /// <summary>Largest registry answer read; anything bigger is not an answer these registries give.</summary>
    public const int MaxResponseBytes = 1024 * 1024;

    public static IHttpClientBuilder AddRegistryPipeline<TOptions>(
        this IHttpClientBuilder http,
        string registry,
        Func<HttpResponseMessage, CancellationToken, ValueTask<bool>>? isTransientResponse = null
    )
        where TOptions : RegistryClientOptions
    {
        http.ConfigureHttpClient(
            (services, client) =>
            {
                // The pipeline owns time-outs; HttpClient's own 100 s default must not cut in first.
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.MaxResponseContentBufferSize = MaxResponseBytes;
                client.DefaultRequestHeaders.UserAgent.ParseAdd("GaiaX.Oid4vc-Notary/1.0");
            }
        );

        // Experimental in Microsoft.Extensions.Http.Resilience 10.x, and the documented way to drop
        // the standard handler that ConfigureHttpClientDefaults put on every client; a test pins
        // that only this pipeline runs.
#pragma warning disable EXTEXP0001
        http.RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        http.AddResilienceHandler(registry, (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<TOptions>>().Value;
            var transient = isTransientResponse ?? DefaultTransientResponse;
            var time = context.ServiceProvider.GetRequiredService<TimeProvider>();

            ValueTask<bool> IsTransient(Outcome<HttpResponseMessage> outcome, CancellationToken cancellationToken) =>
                outcome switch
                {
                    { Exception: HttpRequestException or TimeoutRejectedException } => ValueTask.FromResult(true),
                    { Result: { } response } => transient(response, cancellationToken),
                    _ => ValueTask.FromResult(false),
                };

            // The total time-out is outermost so that waiting in the limiter's queue counts too.
            pipeline.AddTimeout(options.TotalTimeout);
            pipeline.AddConcurrencyLimiter(
                new ConcurrencyLimiterOptions
                {
                    PermitLimit = options.MaxConcurrentRequests,
                    QueueLimit = options.QueueLimit,
                    QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                }
            );
            if (options.MaxRetryAttempts > 0)
            {
                pipeline.AddRetry(
                    new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = options.MaxRetryAttempts,
                        Delay = options.RetryBaseDelay,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                        ShouldRetryAfterHeader = true,
                        ShouldHandle = args =>
                            args.Outcome.Result is { } response && RetryAfterTooLong(response, options.MaxRetryAfterWait, time)
                                ? ValueTask.FromResult(false)
                                : IsTransient(args.Outcome, args.Context.CancellationToken),
                    }
                );
            }
            pipeline.AddCircuitBreaker(
                new HttpCircuitBreakerStrategyOptions
                {
                    FailureRatio = options.CircuitFailureRatio,
                    MinimumThroughput = options.CircuitMinimumThroughput,
                    SamplingDuration = options.CircuitSamplingDuration,
                    BreakDuration = options.CircuitBreakDuration,
                    ShouldHandle = args => IsTransient(args.Outcome, args.Context.CancellationToken),
                }
            );
            pipeline.AddTimeout(options.AttemptTimeout);
        });
        return http;
    }

    private static bool RetryAfterTooLong(HttpResponseMessage response, TimeSpan max, TimeProvider time) =>
        response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta > max,
            { Date: { } date } => date - time.GetUtcNow() > max,
            _ => false,
        };

    /// <summary>408, 429 and 5xx are transient; everything else is an answer.</summary>
    public static ValueTask<bool> DefaultTransientResponse(HttpResponseMessage response, CancellationToken cancellationToken) =>
        ValueTask.FromResult(IsTransientStatus(response.StatusCode));

    public static bool IsTransientStatus(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;
}
