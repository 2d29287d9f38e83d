namespace GaiaX.Oid4vc.Notary.Registries;

/// <summary>The evidence of a registry check, as the credential's <c>evidence</c> states it.</summary>
/// <param name="Url">The registry endpoint that was asked (<c>gx:evidenceURL</c>).</param>
/// <param name="ExecutionDate">When it answered (<c>gx:executionDate</c>).</param>
/// <param name="SyntaxOnly">
/// <see langword="true"/> when no registry was configured for the type and only the syntax was
/// checked; the credential says so.
/// </param>
public sealed record RegistryEvidence(Uri Url, DateTimeOffset ExecutionDate, bool SyntaxOnly = false);
