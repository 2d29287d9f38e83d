namespace GaiaX.Oid4vc.Verifier.Dcql;

/// <summary>Trusted Authorities Query types (§6.1.1) this verifier evaluates.</summary>
public static class TrustedAuthorityTypes
{
    public const string AuthorityKeyIdentifier = "aki";

    public static IReadOnlyList<string> Supported { get; } = [AuthorityKeyIdentifier];
}
