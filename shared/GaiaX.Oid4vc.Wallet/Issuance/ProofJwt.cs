using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Credentials.Jose;

namespace GaiaX.Oid4vc.Wallet.Issuance;

/// <summary>
/// The key proof of OpenID4VCI 1.0 Appendix F.1: header <c>typ: openid4vci-proof+jwt</c>, <c>alg</c>, and
/// exactly one key reference — the public <c>jwk</c>, or a <c>kid</c> that is a DID URL when the holder
/// has a DID; payload <c>aud</c> = the Credential Issuer Identifier, <c>iat</c>, <c>nonce</c> = the
/// c_nonce, and <c>iss</c> = the client_id when the wallet has one (omitted for anonymous
/// pre-authorized access).
/// </summary>
public static class ProofJwt
{
    public const string Type = MediaTypes.Oid4vciProof;

    public static string Create(
        HolderKey key,
        string credentialIssuer,
        string? nonce,
        string? clientId,
        DateTimeOffset issuedAt,
        bool useKeyId = false,
        string? keyAttestation = null
    )
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentException.ThrowIfNullOrEmpty(credentialIssuer);
        var header = new JsonObject { ["typ"] = Type };
        if (useKeyId && key.SigningKey.KeyId is { } kid)
        {
            header["kid"] = kid;
        }
        else
        {
            header["jwk"] = key.PublicJwkCopy();
        }
        if (keyAttestation is not null)
        {
            // Appendix D: the attestation of the key this proof is signed with.
            header["key_attestation"] = keyAttestation;
        }
        var payload = new JsonObject { ["aud"] = credentialIssuer, ["iat"] = issuedAt.ToUnixTimeSeconds() };
        if (nonce is not null)
        {
            payload["nonce"] = nonce;
        }
        if (clientId is not null)
        {
            payload["iss"] = clientId;
        }
        // Jws.Create adds the key's kid only when the header names no jwk: a jwk proof carries the jwk alone.
        return Jws.Create(header, payload, key.SigningKey);
    }
}
