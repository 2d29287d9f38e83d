using System.Collections.Concurrent;

namespace GaiaX.Oid4vc.WebConsole.Tests;

/// <summary>Every request the console sent to a service (method and URL), as its HttpClients sent them.</summary>
public sealed class RecordedRequests
{
    private readonly ConcurrentQueue<(HttpMethod Method, Uri Url)> _requests = new();

    public IReadOnlyList<(HttpMethod Method, Uri Url)> All => [.. _requests];

    public DelegatingHandler Handler() => new Recorder(this);

    private sealed class Recorder(RecordedRequests into) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            into._requests.Enqueue((request.Method, request.RequestUri!));
            return base.SendAsync(request, cancellationToken);
        }
    }
}
