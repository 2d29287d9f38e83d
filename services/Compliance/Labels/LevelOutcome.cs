namespace GaiaX.Oid4vc.Compliance.Labels;

/// <summary>Whether every criterion of a level is evidenced, and which are not.</summary>
public sealed record LevelOutcome(LabelLevel Level, bool Met, IReadOnlyList<MissingCriterion> Missing);
