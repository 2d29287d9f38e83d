using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Credentials.Jose;
using GaiaX.Oid4vc.Credentials.Vcdm;

namespace GaiaX.Oid4vc.Credentials.VcJwt;

/// <summary>Creates VP-JWTs whose credentials are <c>EnvelopedVerifiableCredential</c> entries.</summary>
public sealed class VpJwtIssuer(TimeProvider time)
{
    public string Issue(
        IEnumerable<string> credentialJwts,
        SigningKey holderKey,
        string holder,
        string? nonce = null,
        string? audience = null,
        TimeSpan? lifetime = null
    )
    {
        ArgumentNullException.ThrowIfNull(credentialJwts);
        ArgumentNullException.ThrowIfNull(holderKey);
        var now = time.GetUtcNow();
        var envelopes = new JsonArray();
        foreach (var jwt in credentialJwts)
        {
            envelopes.Add(
                new JsonObject
                {
                    ["@context"] = new JsonArray(VcdmRules.BaseContext),
                    ["id"] = MediaTypes.EnvelopedVcJwtPrefix + jwt,
                    ["type"] = VcdmRules.EnvelopedVerifiableCredentialType,
                }
            );
        }
        var payload = new JsonObject
        {
            ["@context"] = new JsonArray(VcdmRules.BaseContext),
            ["type"] = new JsonArray(VcdmRules.VerifiablePresentationType),
            ["holder"] = holder,
            ["verifiableCredential"] = envelopes,
            ["iss"] = holder,
            ["iat"] = now.ToUnixTimeSeconds(),
            ["exp"] = (now + (lifetime ?? TimeSpan.FromMinutes(10))).ToUnixTimeSeconds(),
        };
        if (nonce is not null)
        {
            payload["nonce"] = nonce;
        }
        if (audience is not null)
        {
            payload["aud"] = audience;
        }
        var header = new JsonObject
        {
            ["typ"] = MediaTypes.VpJwt,
            ["cty"] = MediaTypes.VpContent,
            ["iss"] = holder,
        };
        return Jws.Create(header, payload, holderKey);
    }
}
