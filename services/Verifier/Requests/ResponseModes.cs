namespace GaiaX.Oid4vc.Verifier.Requests;

/// <summary>Response modes (OpenID4VP 1.0 §8.2, §8.3.1) this verifier accepts.</summary>
public static class ResponseModes
{
    public const string DirectPost = "direct_post";
    public const string DirectPostJwt = "direct_post.jwt";

    public static IReadOnlyList<string> Supported { get; } = [DirectPost, DirectPostJwt];
}
