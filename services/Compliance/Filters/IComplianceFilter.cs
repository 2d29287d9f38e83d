namespace GaiaX.Oid4vc.Compliance.Filters;

/// <summary>
/// One step of the compliance filter chain. A filter checks one criterion, records every failure it
/// finds on the <see cref="ComplianceContext"/> and continues, unless what it found makes every
/// later filter meaningless (e.g. the input is not a JWT at all).
/// </summary>
public interface IComplianceFilter
{
    /// <summary>Short stable name reported with each failure (e.g. <c>JwtHeaders</c>).</summary>
    string Name { get; }

    /// <summary>The criterion in words, reported with each failure.</summary>
    string Criterion { get; }

    /// <summary>Whether the filter applies to a whole presentation, a single credential, or both.</summary>
    ComplianceScope Scope { get; }

    ValueTask<FilterVerdict> ApplyAsync(ComplianceContext context, CancellationToken cancellationToken);
}
