namespace GaiaX.Oid4vc.Compliance.Registry;

/// <summary>The registry's answer about a chain; <paramref name="Reason"/> says why it is not trusted.</summary>
public sealed record TrustAnchorVerdict(bool Trusted, string? Reason)
{
    public static TrustAnchorVerdict Yes { get; } = new(true, null);

    public static TrustAnchorVerdict No(string reason) => new(false, reason);
}
