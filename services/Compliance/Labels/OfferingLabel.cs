namespace GaiaX.Oid4vc.Compliance.Labels;

/// <summary>
/// The level one service offering reaches: the highest level met together with every level below it, and never above
/// its provider's (the level its provider-scoped criteria reach); per level the criteria still missing.
/// </summary>
public sealed record OfferingLabel(
    string OfferingId,
    string? ProviderId,
    LabelLevel Level,
    LabelLevel ProviderLevel,
    IReadOnlyList<LevelOutcome> Levels
);
