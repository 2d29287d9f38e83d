using Duende.IdentityModel.Client;

namespace Issuer.Tests;

/// <summary>A pushed authorization request as a wallet sends it, for the client-authentication and DPoP tests.</summary>
public static class ParRequests
{
    /// <summary>A valid S256 code challenge (the RFC 7636 appendix B example).</summary>
    public const string Challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    public static Duende.IdentityModel.Client.PushedAuthorizationRequest For(
        IssuerFixture issuer,
        string clientId,
        string challenge = Challenge,
        string? issuerState = null)
    {
        var request = new Duende.IdentityModel.Client.PushedAuthorizationRequest
        {
            Address = issuer.IssuerId + "/par",
            ClientId = clientId,
            ClientCredentialStyle = ClientCredentialStyle.PostBody,
            ResponseType = "code",
            RedirectUri = "https://wallet.example/cb",
            CodeChallenge = challenge,
            CodeChallengeMethod = "S256",
            Scope = "gx.LegalPerson",
        };
        if (issuerState is not null)
        {
            request.Parameters.Add("issuer_state", issuerState);
        }
        return request;
    }
}
