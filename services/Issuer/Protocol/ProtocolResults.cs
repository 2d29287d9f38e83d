using System.Text;
using System.Text.Json;
using GaiaX.Oid4vc.ServiceDefaults;

namespace GaiaX.Oid4vc.Issuer.Protocol;

/// <summary>How protocol answers are written: JSON, never cached.</summary>
public static class ProtocolResults
{
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

    private sealed class ErrorResult(ProtocolError error) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = error.StatusCode;
            response.Headers.CacheControl = "no-store";
            if (error.StatusCode is StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden)
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
                    header.Append(separator).Append("algs=\"").Append(string.Join(' ', GaiaX.Oid4vc.Credentials.Jose.JwsAlgorithms.Verification)).Append('"');
                }
                response.Headers.WWWAuthenticate = header.ToString();
            }
            var body = new ErrorBody(error.Error, error.Description is null ? null : OAuthErrorText.Sanitize(error.Description));
            return response.WriteAsJsonAsync(body, IssuerJsonContext.Default.ErrorBody, contentType: "application/json", httpContext.RequestAborted);
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
            return httpContext.Response.WriteAsJsonAsync(body, JsonDefaults.Web, contentType: "application/json", httpContext.RequestAborted);
        }
    }
}

/// <summary>The error object of RFC 6749 section 5.2.</summary>
public sealed record ErrorBody(
    [property: System.Text.Json.Serialization.JsonPropertyName("error")] string Error,
    [property: System.Text.Json.Serialization.JsonPropertyName("error_description")] string? ErrorDescription);

/// <summary>Source-generated JSON for the hot paths.</summary>
[System.Text.Json.Serialization.JsonSourceGenerationOptions(DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
[System.Text.Json.Serialization.JsonSerializable(typeof(ErrorBody))]
internal sealed partial class IssuerJsonContext : System.Text.Json.Serialization.JsonSerializerContext
{
}

internal static class JsonDefaults
{
    public static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };
}
