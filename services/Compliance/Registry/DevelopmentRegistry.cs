namespace GaiaX.Oid4vc.Compliance.Registry;

/// <summary>
/// The local registry DevHost gives the Compliance service: the development CA is already a trust
/// anchor (the credential core's development identity, which nothing outside DevHost trusts), the
/// stack's own Notary is the trusted registration notary, and the accepted terms and conditions are
/// the Gaia-X 25.11 ones (the values the 25.11 shapes allow for <c>gx:gaiaxTermsAndConditions</c>).
/// </summary>
public static class DevelopmentRegistry
{
    /// <summary>SHA-256 (hex) of the Gaia-X terms and conditions that release 25.11 accepts.</summary>
    public static IReadOnlyList<string> GaiaX2511TermsAndConditionsHashes => Rdf.GaiaX.GaiaXTermsAndConditions.Release2511Hashes;

    /// <summary>Command-line arguments for the Compliance service in DevHost.</summary>
    public static IReadOnlyList<string> Arguments(string notaryDid) =>
        [
            $"--{GaiaXRegistryOptions.SectionName}:Local:RegistrationNotaries:0={notaryDid}",
            $"--{GaiaXRegistryOptions.SectionName}:Local:TermsAndConditionsHashes:0={GaiaX2511TermsAndConditionsHashes[0]}",
            $"--{GaiaXRegistryOptions.SectionName}:Local:TermsAndConditionsHashes:1={GaiaX2511TermsAndConditionsHashes[1]}",
        ];
}
