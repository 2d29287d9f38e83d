using GaiaX.Oid4vc.Credentials.Protocol;
using GaiaX.Oid4vc.ServiceDefaults;
using Grpc.Core;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace GaiaX.Oid4vc.Dapr.Hosting;

/// <summary>
/// Turns a failed call to the Dapr sidecar — unreachable, or its state store / pub/sub down — into
/// 503 with <c>Retry-After</c>, so a client (and the sidecar delivering an event) knows to come back
/// rather than seeing a 500 that blames it or the service. A protocol endpoint
/// (<see cref="ProtocolEndpointMetadata"/>) gets an OAuth error object
/// (<c>temporarily_unavailable</c>), every other route RFC 9457 problem details. Errors that are not
/// an outage (an invalid argument is a bug of ours) stay 500.
/// </summary>
public sealed partial class DaprOutageExceptionHandler(IProblemDetailsService problems, ILogger<DaprOutageExceptionHandler> logger)
    : IExceptionHandler
{
    /// <summary>The seconds a client is asked to wait (<c>Retry-After</c>).</summary>
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (!IsOutage(exception) || httpContext.Response.HasStarted)
        {
            return false;
        }
        LogOutage(logger, httpContext.Request.Path, exception.GetBaseException().Message);
        const string description = "The service's state store or message broker is unavailable; try again later.";
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // The exception handler clears the request's endpoint before it runs; the feature keeps it.
        var endpoint = httpContext.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? httpContext.GetEndpoint();
        if (endpoint?.Metadata.GetMetadata<ProtocolEndpointMetadata>() is not null)
        {
            await OAuthErrorText
                .WriteAsync(
                    httpContext.Response,
                    StatusCodes.Status503ServiceUnavailable,
                    ErrorCodes.TemporarilyUnavailable,
                    description,
                    cancellationToken
                )
                .ConfigureAwait(false);
            return true;
        }
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.CacheControl = "no-store";
        return await problems
            .TryWriteAsync(
                new ProblemDetailsContext
                {
                    HttpContext = httpContext,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status503ServiceUnavailable,
                        Title = "Service unavailable",
                        Detail = description,
                    },
                }
            )
            .ConfigureAwait(false);
    }

    /// <summary>True when <paramref name="exception"/> says the sidecar or what it fronts is out of reach.</summary>
    public static bool IsOutage(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is RpcException rpc)
            {
                // Unavailable and DeadlineExceeded: the sidecar is out of reach, or says its component is.
                // Internal: daprd's answer when its state store or broker fails a call. Unknown (an
                // unhandled exception) and the rest are faults, and stay 500.
                return rpc.StatusCode
                    is StatusCode.Unavailable
                        or StatusCode.Internal
                        or StatusCode.DeadlineExceeded
                        or StatusCode.ResourceExhausted;
            }
            if (current is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError })
            {
                return true;
            }
        }
        return false;
    }

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "Answered 503 at {Path}: the Dapr sidecar or its components are unavailable ({Reason})"
    )]
    private static partial void LogOutage(ILogger logger, PathString path, string reason);
}
