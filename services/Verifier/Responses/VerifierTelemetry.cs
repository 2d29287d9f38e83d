using System.Diagnostics.Metrics;

namespace GaiaX.Oid4vc.Verifier.Responses;

/// <summary>
/// The Verifier's metrics (meter <c>GaiaX.Oid4vc.Verifier</c>, exported with the service defaults):
/// how many responses were verified or rejected, and why.
/// </summary>
public sealed class VerifierTelemetry
{
    public const string MeterName = "GaiaX.Oid4vc.Verifier";

    private readonly Counter<long> _responses;
    private readonly Histogram<double> _duration;

    public VerifierTelemetry(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _responses = meter.CreateCounter<long>(
            "gaiax.verifier.responses",
            unit: "{response}",
            description: "Authorization responses judged, by outcome and first reason."
        );
        _duration = meter.CreateHistogram<double>(
            "gaiax.verifier.presentation.duration",
            unit: "s",
            description: "From a presentation request's creation to its verdict, by outcome."
        );
    }

    public void ResponseJudged(string status, string? reason, TimeSpan sinceCreated)
    {
        var outcome = new KeyValuePair<string, object?>("outcome", status);
        _responses.Add(1, outcome, new KeyValuePair<string, object?>("reason", reason ?? "none"));
        _duration.Record(Math.Max(0, sinceCreated.TotalSeconds), outcome);
    }
}

internal static partial class VerifierLog
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Presentation request {RequestId} verified")]
    public static partial void Verified(ILogger logger, string requestId);

    [LoggerMessage(
        EventId = 7002,
        Level = LogLevel.Information,
        Message = "Presentation request {RequestId} rejected: {Reason} ({Description})"
    )]
    public static partial void Rejected(ILogger logger, string requestId, string reason, string description);
}
