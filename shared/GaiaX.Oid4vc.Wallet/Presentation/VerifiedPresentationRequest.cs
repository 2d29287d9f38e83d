using System.Text.Json;
using GaiaX.Oid4vc.Credentials.DidWeb;
using GaiaX.Oid4vc.Credentials.Jose;
using GaiaX.Oid4vc.Credentials.X509;
using GaiaX.Oid4vc.Wallet.Issuance;

namespace GaiaX.Oid4vc.Wallet.Presentation;

/// <summary>A request object whose signature and client binding the wallet has checked.</summary>
public sealed record VerifiedPresentationRequest(
    string ClientId,
    string ResponseMode,
    Uri ResponseUri,
    string Nonce,
    string? State,
    DcqlQuery Query,
    JsonElement? ClientMetadata);
