using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Security.Tests;

/// <summary>
/// Item 14 of the outside test: bodies the form reader refuses, at every endpoint that reads a form,
/// are the client's 400 with the protocol's <c>invalid_request</c>, never a 500 (and a stack trace in
/// the log for each request).
/// </summary>
[Collection(StackCollection.Name)]
public sealed class FormBodyAttackTests(StackFixture fixture)
{
    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (service, path) in new[] { ("issuer", "/token"), ("issuer", "/par"), ("verifier", "/request/some-request"), ("verifier", "/response/some-request") })
        {
            foreach (var kind in new[] { "nul-in-value", "too-many-fields", "long-key", "multipart-without-boundary", "truncated-multipart" })
            {
                data.Add(service, path, kind);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Malformed_form_body_is_invalid_request_not_a_server_error(string service, string path, string kind)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, fixture.Url(service, path)) { Content = Body(kind) };
        using var response = await fixture.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("invalid_request", (string?)JsonNode.Parse(text)!["error"]);
    }

    private static HttpContent Body(string kind)
    {
        switch (kind)
        {
            case "nul-in-value":
                return Form("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Apre-authorized_code&pre-authorized_code=a%00b&client_id=x%00&response=%00&state=%00");
            case "too-many-fields":
                return Form(string.Join('&', Enumerable.Range(0, 1100).Select(i => $"f{i}=1")));
            case "long-key":
                return Form(new string('k', 5000) + "=1");
            case "multipart-without-boundary":
            {
                var content = new StringContent("--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--x--\r\n");
                content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data");
                return content;
            }
            default:
            {
                var content = new StringContent("--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1234");
                content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=x");
                return content;
            }
        }
    }

    private static StringContent Form(string body)
    {
        var content = new StringContent(body, Encoding.ASCII);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        return content;
    }
}
