using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace GaiaX.Oid4vc.Compliance.Filters;

/// <summary>
/// Runs the filters in their registered order (the order of the Gaia-X Lab engine) over one input
/// and collects every failure. A registry that cannot be asked surfaces as
/// <see cref="Registry.GaiaXRegistryUnavailableException"/>: the assessment then has no verdict.
/// </summary>
public sealed class ComplianceFilterChain
{
    internal static readonly ActivitySource Activities = new("GaiaX.Oid4vc.Compliance");

    private readonly TimeProvider _time;
    private readonly ComplianceMetrics? _metrics;
    private readonly Labels.LabelLevelEvaluator? _levels;

    public ComplianceFilterChain(
        IEnumerable<IComplianceFilter> filters,
        TimeProvider time,
        ComplianceMetrics? metrics = null,
        Labels.LabelLevelEvaluator? levels = null
    )
    {
        ArgumentNullException.ThrowIfNull(filters);
        Filters = filters.ToArray();
        _time = time;
        _metrics = metrics;
        _levels = levels;
    }

    /// <summary>The filters in the order they run.</summary>
    public IReadOnlyList<IComplianceFilter> Filters { get; }

    public Task<ComplianceAssessment> AssessAsync(ComplianceScope scope, string input, CancellationToken cancellationToken) =>
        AssessAsync(scope, [input ?? throw new ArgumentNullException(nameof(input))], cancellationToken);

    /// <summary>Assesses several presentations as one: their credentials are judged together by the rules.</summary>
    public async Task<ComplianceAssessment> AssessAsync(
        ComplianceScope scope,
        IReadOnlyList<string> inputs,
        CancellationToken cancellationToken
    )
    {
        using var activity = Activities.StartActivity("compliance.assess");
        var started = _time.GetTimestamp();
        using var context = new ComplianceContext(scope, inputs, _time.GetUtcNow());
        foreach (var filter in Filters)
        {
            if ((filter.Scope & scope) == 0)
            {
                continue;
            }
            var failuresBefore = context.Failures.Count;
            var verdict = await filter.ApplyAsync(context, cancellationToken).ConfigureAwait(false);
            _metrics?.Verdict(filter.Name, context.Failures.Count == failuresBefore);
            if (verdict == FilterVerdict.Stop)
            {
                break;
            }
        }
        activity?.SetTag("compliance.failures", context.Failures.Count);
        var credentials = context
            .Credentials.Select(c => new AssessedCredentialSummary(
                c.Id ?? c.Label,
                c.PrimaryType,
                c.Issuer,
                SriDigest(c.Compact),
                c.Compact
            ))
            .ToArray();
        // Standard Compliance is the chain's verdict; the label levels above it are judged on a compliant presentation.
        var label =
            _levels is not null && scope == ComplianceScope.Presentation && !context.HasFailures && credentials.Length > 0
                ? await _levels.EvaluateAsync(context, cancellationToken).ConfigureAwait(false)
                : null;
        activity?.SetTag("compliance.label_level", label?.Level.ToString());
        var assessment = new ComplianceAssessment(
            scope,
            context.Now,
            context.Failures.ToArray(),
            credentials,
            context.Presentation?.IssuerHeader,
            label
        );
        _metrics?.Assessed(scope, assessment.IsCompliant, _time.GetElapsedTime(started));
        return assessment;
    }

    /// <summary><c>sha256-</c> + base64(SHA-256(the JWT's exact bytes)): the Subresource Integrity form.</summary>
    public static string SriDigest(string compact)
    {
        ArgumentNullException.ThrowIfNull(compact);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(compact), hash);
        return "sha256-" + Convert.ToBase64String(hash);
    }
}
