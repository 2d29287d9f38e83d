namespace GaiaX.Oid4vc.Compliance.Registry;

/// <summary>
/// What a development registry accepts: the Gaia-X 25.11 terms and conditions (the values the 25.11 shapes allow for
/// <c>gx:gaiaxTermsAndConditions</c>). DevHost runs the Registry service itself; the production rehearsal configures the
/// Compliance service's local registry with these.
/// </summary>
public static class DevelopmentRegistry
{
    /// <summary>SHA-256 (hex) of the Gaia-X terms and conditions that release 25.11 accepts.</summary>
    public static IReadOnlyList<string> GaiaX2511TermsAndConditionsHashes => Rdf.GaiaX.GaiaXTermsAndConditions.Release2511Hashes;
}
