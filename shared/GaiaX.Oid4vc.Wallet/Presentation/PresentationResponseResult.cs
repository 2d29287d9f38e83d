using System.Text.Json;

namespace GaiaX.Oid4vc.Wallet.Presentation;

/// <summary>The verifier's answer to the wallet's response (OpenID4VP 1.0 §8.2): possibly a redirect_uri.</summary>
public sealed record PresentationResponseResult(int StatusCode, string? RedirectUri, JsonElement? Body);
