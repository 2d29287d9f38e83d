using System.Diagnostics.Metrics;

namespace GaiaX.Oid4vc.Compliance.Filters;

/// <summary>
/// The compliance engine's metrics (meter <c>GaiaX.Oid4vc.Compliance</c>): each criterion's verdicts,
/// the assessments' outcomes and how long an assessment takes. Tags carry criteria and outcomes only,
/// never a credential, subject or holder.
/// </summary>
public sealed class ComplianceMetrics
{
    public const string MeterName = "GaiaX.Oid4vc.Compliance";

    private readonly Counter<long> _verdicts;
    private readonly Counter<long> _assessments;
    private readonly Histogram<double> _duration;

    public ComplianceMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _verdicts = meter.CreateCounter<long>(
            "gaiax.compliance.verdicts",
            unit: "{verdict}",
            description: "Criterion verdicts of the filter chain, by criterion (filter name) and outcome (pass, fail)."
        );
        _assessments = meter.CreateCounter<long>(
            "gaiax.compliance.assessments",
            unit: "{assessment}",
            description: "Assessments, by scope (presentation, credential) and outcome (compliant, not_compliant)."
        );
        _duration = meter.CreateHistogram<double>(
            "gaiax.compliance.assessment.duration",
            unit: "s",
            description: "Time to run the filter chain over one input."
        );
    }

    public void Verdict(string criterion, bool passed) =>
        _verdicts.Add(1, new("criterion", criterion), new KeyValuePair<string, object?>("outcome", passed ? "pass" : "fail"));

    public void Assessed(ComplianceScope scope, bool compliant, TimeSpan duration)
    {
        var scopeTag = new KeyValuePair<string, object?>("scope", scope == ComplianceScope.Credential ? "credential" : "presentation");
        _assessments.Add(1, scopeTag, new KeyValuePair<string, object?>("outcome", compliant ? "compliant" : "not_compliant"));
        _duration.Record(duration.TotalSeconds, scopeTag);
    }
}
