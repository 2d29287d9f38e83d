using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.WebConsole.Apis;

/// <summary>
/// The console's only way out: requests to the services' public APIs (management routes with the operator's bearer
/// token, public metadata, the compliance assessment and readiness without one). It never calls a protocol or state
/// endpoint a relying party could not call itself, and keeps no state of its own.
/// </summary>
public sealed class ManagementApiClient(HttpClient http, IOptions<ConsoleOptions> options, IManagementTokenSource tokens)
{
    /// <summary>The services whose management APIs take the operator's bearer token.</summary>
    private static bool TakesToken(ServiceApi service) => service is ServiceApi.Issuer or ServiceApi.Verifier or ServiceApi.Registry;

    public Task<ApiResponse> GetAsync(ServiceApi service, string path, CancellationToken cancellationToken) =>
        SendAsync(service, HttpMethod.Get, path, null, cancellationToken);

    public Task<ApiResponse> PostJsonAsync(ServiceApi service, string path, JsonNode? body, CancellationToken cancellationToken) =>
        SendAsync(
            service,
            HttpMethod.Post,
            path,
            body is null ? null : new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
            cancellationToken
        );

    public Task<ApiResponse> PostTextAsync(
        ServiceApi service,
        string path,
        string text,
        string mediaType,
        CancellationToken cancellationToken
    ) => SendAsync(service, HttpMethod.Post, path, new StringContent(text, Encoding.UTF8, mediaType), cancellationToken);

    public Task<ApiResponse> DeleteAsync(ServiceApi service, string path, CancellationToken cancellationToken) =>
        SendAsync(service, HttpMethod.Delete, path, null, cancellationToken);

    /// <summary>An image (a QR code) from a management route, as a <c>data:</c> URL the page can show under its CSP.</summary>
    public async Task<string?> GetImageDataUrlAsync(ServiceApi service, string path, CancellationToken cancellationToken)
    {
        using var request = await RequestAsync(service, HttpMethod.Get, path, null, cancellationToken).ConfigureAwait(false);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (
                !response.IsSuccessStatusCode
                || response.Content.Headers.ContentType?.MediaType is not { } type
                || !type.StartsWith("image/")
            )
            {
                return null;
            }
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            return $"data:{type};base64,{Convert.ToBase64String(bytes)}";
        }
        catch (Exception failure)
            when (failure is HttpRequestException or TaskCanceledException or Polly.ExecutionRejectedException
                && !cancellationToken.IsCancellationRequested
            )
        {
            return null;
        }
    }

    private async Task<ApiResponse> SendAsync(
        ServiceApi service,
        HttpMethod method,
        string path,
        HttpContent? content,
        CancellationToken cancellationToken
    )
    {
        if (HasDotSegment(path))
        {
            // An id of "." or ".." would walk the URL out of the route the page meant; no service id looks like that.
            return new ApiResponse(service, 0, null, "The identifier is not valid: '.' and '..' are not identifiers.");
        }
        using var request = await RequestAsync(service, method, path, content, cancellationToken).ConfigureAwait(false);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return new ApiResponse(service, (int)response.StatusCode, Parse(text, response.Content.Headers.ContentType));
        }
        catch (Exception failure)
            when (failure is HttpRequestException or TaskCanceledException or Polly.ExecutionRejectedException
                && !cancellationToken.IsCancellationRequested
            )
        {
            return new ApiResponse(service, 0, null, $"The {service} could not be reached: {failure.Message}");
        }
    }

    /// <summary>Whether the path (before its query) has a <c>.</c> or <c>..</c> segment, which a URI would collapse.</summary>
    internal static bool HasDotSegment(string path)
    {
        var end = path.IndexOfAny(['?', '#']);
        return (end < 0 ? path : path[..end]).Split('/').Any(segment => segment is "." or "..");
    }

    private async Task<HttpRequestMessage> RequestAsync(
        ServiceApi service,
        HttpMethod method,
        string path,
        HttpContent? content,
        CancellationToken cancellationToken
    )
    {
        var request = new HttpRequestMessage(method, new Uri(options.Value.Services.Of(service), path)) { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/problem+json"));
        if (TakesToken(service) && await tokens.GetTokenAsync(service, cancellationToken).ConfigureAwait(false) is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return request;
    }

    private static JsonNode? Parse(string text, MediaTypeHeaderValue? type)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (
            type?.MediaType is { } media
            && (media.EndsWith("json", StringComparison.Ordinal) || media.EndsWith("+json", StringComparison.Ordinal))
        )
        {
            try
            {
                return JsonNode.Parse(text);
            }
            catch (JsonException)
            {
                return JsonValue.Create(text);
            }
        }
        return JsonValue.Create(text);
    }
}
