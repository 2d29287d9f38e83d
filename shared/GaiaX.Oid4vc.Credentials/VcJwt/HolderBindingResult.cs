namespace GaiaX.Oid4vc.Credentials.VcJwt;

/// <summary>The outcome of <see cref="HolderBinding.Check"/>, with a sentence for a refusal.</summary>
public sealed record HolderBindingResult(HolderBindingOutcome Outcome, string? Reason = null);
