namespace GaiaX.Oid4vc.Rdf.GaiaX;

/// <summary>The Gaia-X terms and conditions a release accepts, as the SHA-256 (hex) credentials carry.</summary>
public static class GaiaXTermsAndConditions
{
    /// <summary>The values the 25.11 shapes allow for <c>gx:gaiaxTermsAndConditions</c>.</summary>
    public static IReadOnlyList<string> Release2511Hashes { get; } =
    [
        "067dcac5efd18c1927deb1ffed3feab6d0ad044c0a9a263e6d5d8bdc43224515",
        "4bd7554097444c960292b4726c2efa1373485e8a5565d94d41195214c5e0ceb3",
    ];
}
