using GaiaX.Oid4vc.Credentials.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace GaiaX.Oid4vc.ServiceDefaults;

/// <summary>
/// Reads a form body (<c>application/x-www-form-urlencoded</c> or <c>multipart/form-data</c>) before
/// the endpoint does, so that a body the form reader refuses — more than
/// <see cref="FormOptions.ValueCountLimit"/> fields, an over-long key or value, a multipart body
/// without a boundary or cut short — is the client's 400, not a 500 with a stack trace in the log for
/// every such request (a log-flooding vector). Values with control characters (<c>%00</c>) are refused
/// too: no protocol parameter carries one, and they break keys and headers further on. The endpoint
/// then reads the cached form (<see cref="HttpRequest.ReadFormAsync"/> returns it without reparsing).
/// A protocol endpoint (<see cref="ProtocolEndpointMetadata"/>) gets <c>invalid_request</c> as an OAuth
/// error object; any other endpoint RFC 9457 problem details.
/// </summary>
public sealed partial class FormBodyGuardMiddleware(
    RequestDelegate next,
    IProblemDetailsService problems,
    ILogger<FormBodyGuardMiddleware> logger
)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var endpoint = context.GetEndpoint();
        if (
            endpoint is null
            || !HasBody(request)
            || !request.HasFormContentType
            || endpoint.Metadata.GetMetadata<RawFormBodyMetadata>() is not null
        )
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        string? problem;
        try
        {
            var form = await request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
            problem = FormBodyRules.FindControlCharacter(form);
        }
        catch (InvalidDataException exception)
        {
            problem = "The form body is malformed: " + exception.Message;
        }
        catch (IOException) when (!context.RequestAborted.IsCancellationRequested)
        {
            problem = "The form body is incomplete.";
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status400BadRequest)
        {
            problem = "The form body could not be read.";
        }

        if (problem is null)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        LogRefused(logger, request.Path);
        await WriteBadRequestAsync(context, problem).ConfigureAwait(false);
    }

    private static bool HasBody(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method) || HttpMethods.IsPatch(request.Method);

    private async Task WriteBadRequestAsync(HttpContext context, string description)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<ProtocolEndpointMetadata>() is not null)
        {
            await OAuthErrorText
                .WriteAsync(
                    context.Response,
                    StatusCodes.Status400BadRequest,
                    ErrorCodes.InvalidRequest,
                    description,
                    context.RequestAborted
                )
                .ConfigureAwait(false);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        context.Response.Headers.CacheControl = "no-store";
        await problems
            .WriteAsync(
                new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status400BadRequest,
                        Title = "Malformed form body",
                        Detail = description,
                    },
                }
            )
            .ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused a malformed form body at {Path}")]
    private static partial void LogRefused(ILogger logger, PathString path);
}
