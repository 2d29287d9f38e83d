namespace GaiaX.Oid4vc.Compliance.Labels;

/// <summary>
/// The label a compliant presentation earns: Standard Compliance, or the lowest level its service offerings reach under
/// the criteria of <see cref="CriteriaVersion"/>; the criteria validated at that level (their URIs); each offering's
/// outcome with the criteria it still misses per level.
/// </summary>
public sealed record LabelDecision(
    LabelLevel Level,
    string CriteriaVersion,
    IReadOnlyList<string> ValidatedCriteria,
    IReadOnlyList<OfferingLabel> Offerings
)
{
    public static LabelDecision StandardCompliance(string criteriaVersion) => new(LabelLevel.SC, criteriaVersion, [], []);
}
