namespace GaiaX.Oid4vc.Verifier.Status;

/// <summary>The status lookup's result: the view, or a problem for the relying party.</summary>
public sealed record StatusLookup(PresentationRequestStatusView? View, int ProblemStatus = 0, string? Problem = null);
