using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace EndToEnd.Tests;

/// <summary>
/// Every span of this process (the four services run in it) through the OpenTelemetry in-memory
/// exporter; the test's own root activity gives the flow its trace id.
/// </summary>
public sealed class TraceCapture : IDisposable
{
    public const string SourceName = "EndToEnd.Tests";
    private readonly List<Activity> _spans = [];
    private readonly TracerProvider _provider;

    public TraceCapture()
    {
        _provider = Sdk.CreateTracerProviderBuilder()
            .AddSource("*")
            .SetSampler(new AlwaysOnSampler())
            .AddInMemoryExporter(_spans)
            .Build()!;
        Source = new ActivitySource(SourceName);
    }

    public ActivitySource Source { get; }

    /// <summary>The finished spans of one trace.</summary>
    public IReadOnlyList<Activity> Trace(ActivityTraceId traceId)
    {
        _provider.ForceFlush();
        lock (_spans)
        {
            return _spans.Where(s => s.TraceId == traceId).ToList();
        }
    }

    /// <summary>Server spans of a trace by the port that served them.</summary>
    public static int? ServerPort(Activity span) =>
        span.Kind == ActivityKind.Server && span.GetTagItem("server.port") is { } port ? Convert.ToInt32(port, System.Globalization.CultureInfo.InvariantCulture) : null;

    public static string? Path(Activity span) => span.GetTagItem("url.path") as string;

    public void Dispose()
    {
        Source.Dispose();
        _provider.Dispose();
    }
}
