using System.Security.Cryptography;
using System.Text;

namespace GaiaX.Oid4vc.Compliance.Registry;

/// <summary>
/// The local registry DevHost gives the Compliance service: the development CA is already a trust
/// anchor (the credential core's development identity), the stack's own Notary is the trusted
/// registration notary, and the accepted terms and conditions are DevHost's development terms
/// (deliberately not the Gaia-X ones, so nothing signed in development passes elsewhere).
/// </summary>
public static class DevelopmentRegistry
{
    public const string TermsAndConditionsText = "GaiaX.Oid4vc DevHost development terms and conditions: for local development only, not the Gaia-X terms and conditions.";

    /// <summary>SHA-256 (hex) of <see cref="TermsAndConditionsText"/>: the hash a development gx:Issuer credential declares.</summary>
    public static string TermsAndConditionsHash { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(TermsAndConditionsText)));

    /// <summary>Command-line arguments for the Compliance service in DevHost.</summary>
    public static IReadOnlyList<string> Arguments(string notaryDid) =>
    [
        $"--{GaiaXRegistryOptions.SectionName}:Local:RegistrationNotaries:0={notaryDid}",
        $"--{GaiaXRegistryOptions.SectionName}:Local:TermsAndConditionsHashes:0={TermsAndConditionsHash}",
    ];
}
