namespace GaiaX.Oid4vc.Compliance.Labels;

/// <summary>
/// One criterion of the Compliance Document (e.g. <c>P5.1.4</c>): per level the evidence it needs (absent: it does not
/// apply there), what it is about, the engine's check when one is evidence, and whether it concerns personal data only (then
/// "not applicable" with a reason evidences it for a service that processes none).
/// </summary>
public sealed record Criterion(
    string Id,
    string Section,
    string Summary,
    CriterionSubject About,
    IReadOnlyDictionary<LabelLevel, EvidenceKind> Levels,
    string? TechnicalCheck,
    bool PersonalData = false
);
