using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using GaiaX.Oid4vc.Compliance.StandardCompliance;
using GaiaX.Oid4vc.Testing;

namespace Compliance.Tests;

/// <summary>Calls the standard-compliance endpoint the way a participant's wallet or portal does.</summary>
public static class StandardComplianceCalls
{
    public static Task<HttpResponseMessage> PostPresentationAsync(this TestServiceHost host, string presentation, string? vcid = null, string mediaType = StandardComplianceEndpoint.PresentationMediaType)
    {
        var content = new StringContent(presentation, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        var uri = StandardComplianceEndpoint.Route + (vcid is null ? "" : "?vcid=" + Uri.EscapeDataString(vcid));
        return host.Client.PostAsync(uri, content);
    }

    public sealed record Failure(string CredentialId, string Filter, string Criterion, string Message);

    /// <summary>Reads the failures of a 400 problem details answer.</summary>
    public static async Task<IReadOnlyList<Failure>> ReadFailuresAsync(this HttpResponseMessage response)
    {
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(StandardComplianceEndpoint.NonCompliantProblemType, document.RootElement.GetProperty("type").GetString());
        return document.RootElement.GetProperty("failures").EnumerateArray()
            .Select(f => new Failure(f.GetProperty("credentialId").GetString()!, f.GetProperty("filter").GetString()!, f.GetProperty("criterion").GetString()!, f.GetProperty("message").GetString()!))
            .ToArray();
    }
}
