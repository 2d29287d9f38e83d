using System.Collections.Concurrent;
using GaiaX.Oid4vc.Dapr.Events;
using Microsoft.AspNetCore.Http;

namespace GaiaX.Oid4vc.Dapr.Tests;

/// <summary>
/// What the test subscriber records and how it answers. Each route answers from its script
/// (one answer per delivery, the last one repeats); the default is SUCCESS.
/// </summary>
public sealed class SubscriberRecorder
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Func<IResult>>> _scripts = new();
    private int _effects;

    public ConcurrentQueue<Received> Deliveries { get; } = new();

    public ConcurrentQueue<OfferCreated> Offers { get; } = new();

    public int Effects => Volatile.Read(ref _effects);

    public IReadOnlyList<Received> At(string path) => Deliveries.Where(d => d.Path == path).ToList();

    public void Script(string path, params Func<IResult>[] answers) => _scripts[path] = new ConcurrentQueue<Func<IResult>>(answers);

    public IResult Answer(string path)
    {
        if (_scripts.TryGetValue(path, out var script))
        {
            if (script.Count > 1 && script.TryDequeue(out var next))
            {
                return next();
            }
            if (script.TryPeek(out var last))
            {
                return last();
            }
        }
        return IntegrationEventResults.Success();
    }

    public void Effect() => Interlocked.Increment(ref _effects);
}
