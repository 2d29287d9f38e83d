using System.Text.Json;

namespace GaiaX.Oid4vc.Wallet.Presentation;

/// <summary>A request object whose signature and client binding the wallet has checked.</summary>
public sealed record VerifiedPresentationRequest(
    string ClientId,
    string ResponseMode,
    Uri ResponseUri,
    string Nonce,
    string? State,
    DcqlQuery Query,
    JsonElement? ClientMetadata
);
