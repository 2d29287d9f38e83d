using System.Text.Json;

namespace Verifier.Tests.Support;

/// <summary>
/// RFC 6749 section 5.2: <c>error_description</c> is limited to %x20-21 / %x23-5B / %x5D-7E (printable
/// ASCII without <c>"</c> and <c>\</c>). Every JSON answer the Verifier sends through the test client
/// is checked, so every test (the attack tests in particular) asserts the rule on what it provokes.
/// </summary>
public sealed class ErrorDescriptionCharset(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    public static bool IsAllowed(string description) =>
        description.All(c => c is (>= '\x20' and <= '\x21') or (>= '\x23' and <= '\x5B') or (>= '\x5D' and <= '\x7E'));

    /// <summary>The offending description of a JSON body, or null when the body keeps the rule (or is no OAuth error).</summary>
    public static string? Violation(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error_description", out var description)
                && (description.ValueKind != JsonValueKind.String || !IsAllowed(description.GetString()!))
                ? description.GetRawText()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (response.Content.Headers.ContentType?.MediaType == "application/json")
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            var violation = Violation(await response.Content.ReadAsStringAsync(cancellationToken));
            if (violation is not null)
            {
                response.Dispose();
                throw new InvalidOperationException($"{request.Method} {request.RequestUri}: error_description breaks RFC 6749 section 5.2: {violation}");
            }
        }
        return response;
    }
}
