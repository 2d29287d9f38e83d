namespace GaiaX.Oid4vc.Registry.Trust;

/// <summary>Whether a certificate chain ends at a trust anchor of the list, and if not, why.</summary>
public sealed record ChainVerdict(bool Trusted, string? Reason)
{
    public static ChainVerdict Yes { get; } = new(true, null);

    public static ChainVerdict No(string reason) => new(false, reason);
}
