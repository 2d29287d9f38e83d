using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace GaiaX.Oid4vc.ServiceDefaults;

/// <summary>
/// RFC 9457 problem details for every error the framework raises: unknown routes (404), wrong
/// methods (405), unsupported media types (415), oversized bodies (413), malformed requests (400)
/// and unhandled exceptions (500, without a stack trace or exception message).
/// </summary>
public static class ProblemDetailsDefaults
{
    private const string DetailKey = "GaiaX.Oid4vc.ProblemDetail";

    /// <summary>
    /// Gives the problem the framework writes later for this request (e.g. a 401 or 403 from the
    /// authentication middleware, which writes no body itself) a <c>detail</c> saying why.
    /// </summary>
    public static void SetDetail(HttpContext http, string detail)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Items[DetailKey] = detail;
    }

    public static TBuilder AddProblemDetailsDefaults<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddProblemDetails(options =>
        {
            options.CustomizeProblemDetails = context =>
            {
                var http = context.HttpContext;
                context.ProblemDetails.Instance ??= http.Request.Path;
                if (context.ProblemDetails.Detail is null && http.Items.TryGetValue(DetailKey, out var detail) && detail is string text)
                {
                    context.ProblemDetails.Detail = text;
                }
                context.ProblemDetails.Extensions["traceId"] = System.Diagnostics.Activity.Current?.TraceId.ToString()
                    ?? http.TraceIdentifier;

                // Never leak exception details to a client: the message and stack stay in the logs.
                if (context.Exception is not null && context.ProblemDetails.Status is null or >= 500)
                {
                    context.ProblemDetails.Detail = "An unexpected error occurred. The trace id identifies it in the service logs.";
                    context.ProblemDetails.Extensions.Remove("exception");
                }
            };
        });

        builder.Services.Configure<ExceptionHandlerOptions>(options =>
        {
            // A request the client got wrong (oversized body, malformed framing) is the client's
            // error: keep Kestrel's status code instead of turning it into a 500.
            options.StatusCodeSelector = exception =>
                exception switch
                {
                    BadHttpRequestException bad => bad.StatusCode,
                    OperationCanceledException => StatusCodes.Status499ClientClosedRequest,
                    _ => StatusCodes.Status500InternalServerError,
                };
        });

        return builder;
    }
}
