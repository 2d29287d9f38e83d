using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Duende.IdentityModel.Client;

namespace GaiaX.Oid4vc.Wallet.Issuance;

/// <summary>What the wallet learnt about one Credential Issuer: its metadata and its authorization server's.</summary>
public sealed record IssuerContext(IssuerMetadata Issuer, AuthorizationServerMetadata AuthorizationServer);
