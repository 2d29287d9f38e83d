namespace GaiaX.Oid4vc.WebConsole.Presentation;

/// <summary>A presentation request the Verifier created: the wallet's invocation URL and its QR code.</summary>
public sealed record CreatedRequestView(string RequestId, string AuthorizationRequestUri, string? ExpiresAt, string? QrDataUrl);
