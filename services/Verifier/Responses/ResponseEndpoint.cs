using System.Buffers;
using System.Text;
using GaiaX.Oid4vc.Credentials.Protocol;
using GaiaX.Oid4vc.ServiceDefaults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Verifier.Responses;

/// <summary>
/// The response URI wallets post their authorization responses to (<c>direct_post</c>,
/// <c>direct_post.jwt</c>): reads the form within the size limit into plain parameters, hands them to
/// <see cref="AuthorizationResponseRecorder"/> and writes its answer.
/// </summary>
public static class ResponseEndpoint
{
    public static IEndpointRouteBuilder MapResponseEndpoint(this IEndpointRouteBuilder endpoints)
    {
        endpoints
            .MapPost("/response/{id}", HandleAsync)
            .DisableAntiforgery()
            .WithProtocolErrors()
            .ReadsRawFormBody()
            .WithSummary("Authorization response (OpenID4VP 1.0 direct_post and direct_post.jwt)")
            .AcceptsForm([], "vp_token", "state", "response", "error", "error_description")
            .Produces<AuthorizationResponseAccepted>(StatusCodes.Status200OK);
        return endpoints;
    }

    private static async Task<IResult> HandleAsync(
        string id,
        HttpContext http,
        AuthorizationResponseRecorder recorder,
        AuthorizationResponseValidator validator,
        IOptions<VerifierOptions> options,
        CancellationToken cancellationToken
    )
    {
        http.Response.Headers.CacheControl = "no-store";
        if (
            !http.Request.HasFormContentType
            || !string.Equals(
                http.Request.GetTypedHeaders().ContentType?.MediaType.Value,
                "application/x-www-form-urlencoded",
                StringComparison.OrdinalIgnoreCase
            )
        )
        {
            return ProtocolResults.Error(
                ProtocolError.InvalidRequest("the authorization response must be application/x-www-form-urlencoded")
            );
        }
        var limit = options.Value.MaxResponseBytes;
        if (http.Request.ContentLength is { } declared && declared > limit)
        {
            return ProtocolResults.Error(validator.Oversized(declared));
        }

        // Read at most one byte more than the limit: enough to know the body is too large. The buffer
        // is pooled and sized by Content-Length when the wallet declares it (it usually does).
        var size = (int)Math.Min(limit + 1L, (http.Request.ContentLength ?? limit) + 1L);
        var buffer = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            var read = 0;
            while (read <= limit)
            {
                if (read == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(limit + 1, buffer.Length * 2));
                    buffer.AsSpan(0, read).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
                var n = await http
                    .Request.Body.ReadAsync(buffer.AsMemory(read, Math.Min(buffer.Length, limit + 1) - read), cancellationToken)
                    .ConfigureAwait(false);
                if (n == 0)
                {
                    break;
                }
                read += n;
            }
            if (read > limit)
            {
                return ProtocolResults.Error(validator.Oversized(read));
            }

            var form = new Dictionary<string, string>(StringComparer.Ordinal);
            Dictionary<string, Microsoft.Extensions.Primitives.StringValues> fields;
            try
            {
                using var reader = new FormReader(Encoding.UTF8.GetString(buffer, 0, read))
                {
                    ValueCountLimit = FormBodyRules.MaxFields,
                    KeyLengthLimit = FormBodyRules.MaxKeyLength,
                    ValueLengthLimit = limit,
                };
                fields = reader.ReadForm();
            }
            catch (InvalidDataException exception)
            {
                return ProtocolResults.Error(ProtocolError.InvalidRequest("the form body is malformed: " + exception.Message));
            }
            if (FormBodyRules.FindControlCharacter(fields) is { } problem)
            {
                return ProtocolResults.Error(ProtocolError.InvalidRequest(problem));
            }
            foreach (var (name, values) in fields)
            {
                if (values.Count != 1)
                {
                    return ProtocolResults.Error(ProtocolError.InvalidRequest($"the parameter '{name}' appears more than once"));
                }
                form[name] = values[0]!;
            }
            var outcome = await recorder.RecordAsync(id, form, cancellationToken).ConfigureAwait(false);
            return outcome.Failed ? ProtocolResults.Error(outcome.Error) : ProtocolResults.Json(outcome.Value);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
