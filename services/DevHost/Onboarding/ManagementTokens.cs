using System.Security.Cryptography;
using GaiaX.Oid4vc.Credentials.Jose;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace GaiaX.Oid4vc.DevHost.Onboarding;

/// <summary>
/// The back-office caller of the onboarding: one ES256 key whose public half the Issuer and the
/// Verifier accept for their management APIs (passed as service arguments), and the bearer tokens it mints.
/// </summary>
public sealed class ManagementTokens : IDisposable
{
    public const string TokenIssuer = "urn:gaiax:devhost:onboarding";
    public const string IssuerAudience = "gaiax-issuer-management";
    public const string VerifierAudience = "gaiax-verifier";
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly TimeProvider _time;

    public ManagementTokens(TimeProvider time) => _time = time;

    /// <summary>Service arguments that make the Issuer and the Verifier trust this key.</summary>
    public IReadOnlyList<string> ServiceArguments()
    {
        var jwk = Jwk.FromPublicKey(_key);
        jwk["kid"] = "onboarding";
        jwk["alg"] = "ES256";
        jwk["use"] = "sig";
        return
        [
            $"--Issuer:Management:SigningKeyJwk={jwk.ToJsonString()}",
            $"--Issuer:Management:TokenIssuer={TokenIssuer}",
            $"--Issuer:Management:Audience={IssuerAudience}",
            $"--Verifier:Management:SigningKeyJwk={jwk.ToJsonString()}",
            $"--Verifier:Management:TokenIssuer={TokenIssuer}",
            $"--Verifier:Management:Audience={VerifierAudience}",
        ];
    }

    public string IssuerToken() => Create(IssuerAudience, "issuer.offers.write issuer.offers.read");

    public string VerifierToken() => Create(VerifierAudience, "verifier.requests.write verifier.requests.read");

    private string Create(string audience, string scope)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler().CreateToken(
            new SecurityTokenDescriptor
            {
                Issuer = TokenIssuer,
                Audience = audience,
                IssuedAt = now,
                NotBefore = now,
                Expires = now.AddHours(1),
                TokenType = "at+jwt",
                Claims = new Dictionary<string, object> { ["sub"] = "devhost-onboarding", ["scope"] = scope },
                SigningCredentials = new SigningCredentials(
                    new ECDsaSecurityKey(_key) { KeyId = "onboarding" },
                    SecurityAlgorithms.EcdsaSha256
                ),
            }
        );
    }

    public void Dispose() => _key.Dispose();
}
