using System.Text.Json;

namespace GaiaX.Oid4vc.Verifier.Presentations;

/// <summary>Verifies presentations of one Credential Format.</summary>
public interface IPresentationVerifier
{
    string Format { get; }

    Task<PresentationVerificationResult> VerifyAsync(
        JsonElement presentation,
        PresentationExpectations expectations,
        CancellationToken cancellationToken
    );
}
