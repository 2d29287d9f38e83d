using System.Text.Json;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Credentials.Jose;
using GaiaX.Oid4vc.Issuer.Metadata;
using GaiaX.Oid4vc.Issuer.Nonce;
using GaiaX.Oid4vc.Issuer.Protocol;
using Microsoft.Extensions.Options;
using GaiaX.Oid4vc.Credentials.Protocol;

namespace GaiaX.Oid4vc.Issuer.Credentials;

/// <summary>A key the wallet proved possession of, to bind a credential to.</summary>
public sealed record HolderKey(JsonObject Jwk, string Thumbprint, string? Did);
