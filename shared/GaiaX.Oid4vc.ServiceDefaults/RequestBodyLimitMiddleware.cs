using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.ServiceDefaults;

/// <summary>
/// Enforces <see cref="RequestLimitsOptions.MaxRequestBodyBytes"/>: a declared <c>Content-Length</c>
/// over the limit is refused at once with 413 problem details; a chunked body is cut off by the
/// server when it crosses the limit (Kestrel then raises a 413 that the exception handler maps).
/// </summary>
public sealed class RequestBodyLimitMiddleware(
    RequestDelegate next,
    IOptions<RequestLimitsOptions> options,
    IProblemDetailsService problems
)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var limit = options.Value.MaxRequestBodyBytes;
        if (context.Request.ContentLength is { } length && length > limit)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await problems
                .WriteAsync(
                    new ProblemDetailsContext
                    {
                        HttpContext = context,
                        ProblemDetails =
                        {
                            Status = StatusCodes.Status413PayloadTooLarge,
                            Title = "Request body too large",
                            Detail = $"The request body is {length} bytes; this endpoint accepts at most {limit} bytes.",
                        },
                    }
                )
                .ConfigureAwait(false);
            return;
        }

        var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false })
        {
            feature.MaxRequestBodySize = limit;
        }

        await next(context).ConfigureAwait(false);
    }
}
