namespace GaiaX.Oid4vc.Compliance.Labels;

/// <summary>A criterion a level needs that the presentation does not evidence, and why.</summary>
public sealed record MissingCriterion(string Id, EvidenceKind Evidence, string Reason);
