using System.Net;
using System.Text;

namespace GaiaX.Oid4vc.Credentials.Tests.Support;

/// <summary>In-memory answers by URL, for table tests that need DID documents but not the network.</summary>
public sealed class StubHttpHandler : HttpMessageHandler
{
    private readonly Dictionary<string, string> _documents = new(StringComparer.Ordinal);

    public void Serve(string url, string body) => _documents[url] = body;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var url = request.RequestUri!.ToString();
        return Task.FromResult(_documents.TryGetValue(url, out var body)
            ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/did+json") }
            : new HttpResponseMessage(HttpStatusCode.NotFound));
    }
}
