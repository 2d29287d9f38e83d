using System.Text.Json;

namespace GaiaX.Oid4vc.Verifier.Requests;

/// <summary>A verified credential as shown to the relying party.</summary>
public sealed record VerifiedCredentialView
{
    public required string Format { get; init; }

    public string? Issuer { get; init; }

    public string? Vct { get; init; }

    public IReadOnlyList<string>? Types { get; init; }

    /// <summary>The credential's claims (for SD-JWT VC: the disclosed claims only).</summary>
    public required JsonElement Claims { get; init; }
}
