using System.Net;
using System.Net.Http.Headers;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Timeout;

namespace GaiaX.Oid4vc.Notary.Registries;

/// <summary>
/// Sends a registry request through its pipeline and turns every way the call can fail without an
/// answer (circuit open, concurrency limit, time-out, network error) into <see cref="RegistryCheckResult.Unavailable"/>.
/// </summary>
internal static class RegistryHttp
{
    public static async Task<(HttpResponseMessage? Response, RegistryCheckResult? Failure)> SendAsync(
        HttpClient http,
        HttpRequestMessage request,
        string registry,
        RegistryClientOptions options,
        CancellationToken cancellationToken
    )
    {
        try
        {
            var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            return (response, null);
        }
        catch (BrokenCircuitException broken)
        {
            return (
                null,
                new RegistryCheckResult.Unavailable(
                    $"{registry} has been failing; calls to it are suspended for a while.",
                    broken.RetryAfter ?? options.CircuitBreakDuration
                )
            );
        }
        catch (RateLimiterRejectedException limited)
        {
            return (
                null,
                new RegistryCheckResult.Unavailable(
                    $"Too many checks at {registry} are in progress.",
                    limited.RetryAfter ?? options.DefaultRetryAfter
                )
            );
        }
        catch (TimeoutRejectedException)
        {
            return (null, new RegistryCheckResult.Unavailable($"{registry} did not answer in time.", options.DefaultRetryAfter));
        }
        catch (HttpRequestException exception) when (exception.HttpRequestError == HttpRequestError.ConfigurationLimitExceeded)
        {
            return (
                null,
                new RegistryCheckResult.BadGateway($"{registry} sent an answer larger than {RegistryResilience.MaxResponseBytes} bytes.")
            );
        }
        catch (HttpRequestException)
        {
            return (null, new RegistryCheckResult.Unavailable($"{registry} could not be reached.", options.DefaultRetryAfter));
        }
    }

    /// <summary>The registry's <c>Retry-After</c> (seconds or date) when it sent one, else the configured default.</summary>
    public static TimeSpan RetryAfter(HttpResponseMessage response, RegistryClientOptions options, TimeProvider time)
    {
        var header = response.Headers.RetryAfter;
        var delay = header switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - time.GetUtcNow(),
            _ => options.DefaultRetryAfter,
        };
        return delay < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : delay;
    }

    /// <summary>An unavailable or unexpected status, as a result (never "not registered").</summary>
    public static RegistryCheckResult UnexpectedStatus(
        HttpResponseMessage response,
        string registry,
        RegistryClientOptions options,
        TimeProvider time
    ) =>
        RegistryResilience.IsTransientStatus(response.StatusCode)
            ? new RegistryCheckResult.Unavailable(
                $"{registry} answered {(int)response.StatusCode} {response.ReasonPhrase}.",
                RetryAfter(response, options, time)
            )
            : new RegistryCheckResult.BadGateway($"{registry} answered with the unexpected status {(int)response.StatusCode}.");

    public static bool IsMediaType(HttpResponseMessage response, params string[] mediaTypes) =>
        response.Content.Headers.ContentType is MediaTypeHeaderValue { MediaType: { } mediaType }
        && mediaTypes.Any(m => string.Equals(m, mediaType, StringComparison.OrdinalIgnoreCase));

    public static bool IsNotFound(HttpResponseMessage response) => response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone;
}
