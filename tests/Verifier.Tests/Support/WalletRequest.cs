using System.Text.Json.Nodes;

namespace Verifier.Tests.Support;

/// <summary>An authorization request as the wallet understood it, after verifying the request object.</summary>
public sealed record WalletRequest(string Jwt, JsonObject Header, JsonObject Payload)
{
    public string ClientId => (string)Payload["client_id"]!;

    public string Nonce => (string)Payload["nonce"]!;

    public string State => (string)Payload["state"]!;

    public string ResponseUri => (string)Payload["response_uri"]!;

    public string ResponseMode => (string)Payload["response_mode"]!;

    public JsonObject? EncryptionJwk => Payload["client_metadata"]?["jwks"]?["keys"]?[0]?.AsObject();
}
