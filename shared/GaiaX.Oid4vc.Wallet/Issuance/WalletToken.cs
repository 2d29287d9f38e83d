using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Duende.IdentityModel.Client;

namespace GaiaX.Oid4vc.Wallet.Issuance;

/// <summary>An access token and what the token response said about it.</summary>
public sealed record WalletToken(string AccessToken, string TokenType, IReadOnlyList<string> CredentialIdentifiers);
