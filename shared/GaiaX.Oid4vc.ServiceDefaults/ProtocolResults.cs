using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using GaiaX.Oid4vc.Credentials.Jose;
using GaiaX.Oid4vc.Credentials.Protocol;
using Microsoft.AspNetCore.Http;

namespace GaiaX.Oid4vc.ServiceDefaults;

/// <summary>
/// How every service answers a protocol endpoint: the OAuth 2.0 / OpenID4VC error object for a
/// <see cref="ProtocolError"/>, JSON that is never cached for a success, and RFC 9457 problem
/// details for the non-protocol APIs. Endpoints call these; nothing below an endpoint writes HTTP.
/// </summary>
public static class ProtocolResults
{
    private static readonly JsonSerializerOptions NoNulls = JsonBodies.Relaxed(
        new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull }
    );

    /// <summary>
    /// An error object (<c>error</c>, <c>error_description</c>). A 401 also carries
    /// <c>WWW-Authenticate</c> as RFC 6750 section 3 and RFC 9449 section 7.1 describe.
    /// </summary>
    public static IResult Error(ProtocolError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new ErrorResult(error);
    }

    /// <summary>A JSON body with <c>Cache-Control: no-store</c>; null members are left out.</summary>
    public static IResult Json<T>(T body, int statusCode = StatusCodes.Status200OK) => new NoStoreJsonResult<T>(body, statusCode);

    /// <summary>The UTF-8 JSON <see cref="Json{T}"/> would write: null members left out.</summary>
    public static byte[] JsonBytes<T>(T body) => JsonSerializer.SerializeToUtf8Bytes(body, NoNulls);

    /// <summary>A compact JWT or JWE (<c>application/jwt</c>) with <c>Cache-Control: no-store</c>.</summary>
    public static IResult Jwt(string compact, int statusCode = StatusCodes.Status200OK) => new NoStoreJwtResult(compact, statusCode);

    /// <summary>An answer without a body (<c>204</c>), e.g. to an OpenID4VCI notification.</summary>
    public static IResult NoContent() => Results.NoContent();

    /// <summary>
    /// A front-channel answer: a <c>302</c> to <paramref name="url"/>, the client's redirect URI with
    /// the response parameters in its query (RFC 6749 section 4.1.2).
    /// </summary>
    public static IResult Redirect(string url) => Results.Redirect(url);

    /// <summary>
    /// An RFC 9457 problem (<c>application/problem+json</c>) for the management and business APIs,
    /// with an optional problem <paramref name="type"/>, extension members, and <c>Retry-After</c>
    /// (whole seconds, rounded up) when the caller should come back later.
    /// </summary>
    public static IResult Problem(
        int statusCode,
        string title,
        string? detail = null,
        string? type = null,
        IDictionary<string, object?>? extensions = null,
        TimeSpan? retryAfter = null
    )
    {
        var problem = Results.Problem(statusCode: statusCode, title: title, detail: detail, type: type, extensions: extensions);
        return retryAfter is { } delay ? new RetryAfterResult(problem, delay) : problem;
    }

    /// <summary>
    /// A <c>400</c> problem for a request body that breaks one or more rules: <c>errors</c> lists each as
    /// <c>{"pointer", "detail"}</c> (the one shape every service uses), and <c>detail</c> joins them for a
    /// reader who looks no further.
    /// </summary>
    public static IResult ValidationProblem(string title, IReadOnlyList<ValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var detail = string.Join("; ", errors.Select(e => e.Pointer.Length == 0 ? e.Detail : $"{e.Pointer}: {e.Detail}"));
        return Problem(StatusCodes.Status400BadRequest, title, detail, extensions: new Dictionary<string, object?> { ["errors"] = errors });
    }

    private sealed class ErrorResult(ProtocolError error) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            if (error.StatusCode is StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden)
            {
                response.Headers.WWWAuthenticate = Challenge(error);
            }
            if (error.DpopNonce is { } nonce)
            {
                response.Headers["DPoP-Nonce"] = nonce;
            }
            if (error.AttestationChallenge is { } challenge)
            {
                response.Headers["OAuth-Client-Attestation-Challenge"] = challenge;
            }
            if (error.RetryAfter is { } retryAfter)
            {
                response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds))
                    .ToString(CultureInfo.InvariantCulture);
            }
            return OAuthErrorText.WriteAsync(response, error.StatusCode, error.Error, error.Description, httpContext.RequestAborted);
        }

        private static string Challenge(ProtocolError error)
        {
            var scheme = error.AuthenticateScheme ?? "Bearer";
            var header = new StringBuilder(scheme);
            var separator = " ";
            if (!error.ChallengeOnly)
            {
                header.Append(" error=\"").Append(error.Error).Append('"');
                if (error.Description is { } description)
                {
                    header.Append(", error_description=\"").Append(OAuthErrorText.Sanitize(description)).Append('"');
                }
                separator = ", ";
            }
            if (scheme == "DPoP")
            {
                header.Append(separator).Append("algs=\"").Append(string.Join(' ', JwsAlgorithms.Verification)).Append('"');
            }
            return header.ToString();
        }
    }

    private sealed class RetryAfterResult(IResult inner, TimeSpan retryAfter) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var seconds = Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds));
            httpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return inner.ExecuteAsync(httpContext);
        }
    }

    private sealed class NoStoreJwtResult(string compact, int statusCode) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = statusCode;
            httpContext.Response.Headers.CacheControl = "no-store";
            httpContext.Response.ContentType = "application/jwt";
            return httpContext.Response.WriteAsync(compact, httpContext.RequestAborted);
        }
    }

    private sealed class NoStoreJsonResult<T>(T body, int statusCode) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = statusCode;
            httpContext.Response.Headers.CacheControl = "no-store";
            // Absent members are left out, never written as null: OpenID4VCI 1.0 section 8.3 forbids
            // transaction_id and interval beside credentials, and notification_id without them.
            return httpContext.Response.WriteAsJsonAsync(body, NoNulls, contentType: "application/json", httpContext.RequestAborted);
        }
    }
}
