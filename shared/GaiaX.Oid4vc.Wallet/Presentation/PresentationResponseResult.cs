using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Credentials.VcJwt;
using GaiaX.Oid4vc.Credentials.SdJwt;
using GaiaX.Oid4vc.Wallet.Issuance;
using GaiaX.Oid4vc.Credentials;

namespace GaiaX.Oid4vc.Wallet.Presentation;

/// <summary>The verifier's answer to the wallet's response (OpenID4VP 1.0 §8.2): possibly a redirect_uri.</summary>
public sealed record PresentationResponseResult(int StatusCode, string? RedirectUri, JsonElement? Body);
