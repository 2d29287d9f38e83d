using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Credentials.Jose;

namespace GaiaX.Oid4vc.Wallet.Attestation;

/// <summary>
/// What a wallet instance authenticates with at <c>/par</c> and <c>/token</c>: its provider's attestation (whose
/// <c>sub</c> is the <paramref name="ClientId"/>) and the instance key it names, which signs a fresh proof of possession
/// (<c>oauth-client-attestation-pop+jwt</c>) for each request.
/// </summary>
public sealed record ClientAttestation(string ClientId, string Attestation, SigningKey InstanceKey)
{
    public const string AttestationHeader = "OAuth-Client-Attestation";

    public const string PopHeader = "OAuth-Client-Attestation-PoP";

    /// <summary>The proof of possession for the authorization server <paramref name="audience"/>, with its challenge if any.</summary>
    public string ProofOfPossession(string audience, DateTimeOffset now, string? challenge = null)
    {
        var payload = new JsonObject
        {
            ["aud"] = audience,
            ["iat"] = now.ToUnixTimeSeconds(),
            ["jti"] = Guid.NewGuid().ToString("N"),
        };
        if (challenge is not null)
        {
            payload["challenge"] = challenge;
        }
        return Jws.Create(new JsonObject { ["typ"] = "oauth-client-attestation-pop+jwt" }, payload, InstanceKey);
    }
}
