namespace GaiaX.Oid4vc.Credentials.VcJwt;

/// <summary>What a verifier expects a presentation to be bound to.</summary>
public sealed record PresentationBinding
{
    /// <summary>When set, the presentation's <c>nonce</c> must equal it.</summary>
    public string? Nonce { get; init; }

    /// <summary>When set, the presentation's <c>aud</c> (string or array) must contain it.</summary>
    public string? Audience { get; init; }
}
