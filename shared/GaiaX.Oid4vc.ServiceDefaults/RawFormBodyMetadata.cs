namespace GaiaX.Oid4vc.ServiceDefaults;

/// <summary>
/// Marks an endpoint that reads its form body itself (to bound it by its own limit):
/// <see cref="FormBodyGuardMiddleware"/> leaves its body alone, and the endpoint applies
/// <see cref="FormBodyRules"/> itself.
/// </summary>
public sealed class RawFormBodyMetadata
{
    public static readonly RawFormBodyMetadata Instance = new();

    private RawFormBodyMetadata() { }
}
