using GaiaX.Oid4vc.Credentials.Protocol;
using GaiaX.Oid4vc.Issuer.Metadata;
using GaiaX.Oid4vc.Issuer.Protocol;

namespace GaiaX.Oid4vc.Issuer.Authorization;

/// <summary>
/// Validates authorization request parameters (RFC 6749 4.1.1, RFC 7636, RFC 9396, OpenID4VCI
/// 1.0 section 5.1): response type <c>code</c>, a client id, an absolute redirect URI, PKCE with
/// S256 only, and at least one credential configuration requested by scope or authorization details.
/// </summary>
public sealed class AuthorizationRequestValidator(CredentialConfigurationCatalog catalog, IssuerEndpoints endpoints)
{
    private static readonly string[] SingleParameters =
    [
        "response_type",
        "client_id",
        "redirect_uri",
        "code_challenge",
        "code_challenge_method",
        "scope",
        "authorization_details",
        "state",
        "issuer_state",
        "dpop_jkt",
    ];

    public Outcome<AuthorizationRequest> Validate(RequestParameters parameters, string? dpopJkt)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        foreach (var name in SingleParameters)
        {
            if (parameters.IsRepeated(name))
            {
                return Outcome<AuthorizationRequest>.Fail(ErrorCodes.InvalidRequest, $"parameter {name} is repeated");
            }
        }
        if (parameters.Contains("request") || parameters.Contains("request_uri"))
        {
            return Outcome<AuthorizationRequest>.Fail(ErrorCodes.InvalidRequest, "request and request_uri are not accepted here");
        }
        if (parameters["response_type"] != "code")
        {
            return Outcome<AuthorizationRequest>.Fail(ErrorCodes.UnsupportedResponseType, "response_type must be code");
        }
        var clientId = parameters["client_id"];
        if (string.IsNullOrEmpty(clientId) || clientId.Length > 256)
        {
            return Outcome<AuthorizationRequest>.Fail(ErrorCodes.InvalidRequest, "client_id is required");
        }
        var redirectUri = parameters["redirect_uri"];
        if (
            !Uri.TryCreate(redirectUri, UriKind.Absolute, out var redirect)
            || !string.IsNullOrEmpty(redirect.Fragment)
            || redirectUri.Length > 2048
        )
        {
            return Outcome<AuthorizationRequest>.Fail(ErrorCodes.InvalidRequest, "redirect_uri must be an absolute URI without a fragment");
        }
        // Wallets are public clients without registration: accept https, loopback http (native apps,
        // RFC 8252) and private-use schemes, never schemes that run or embed content.
        if (
            redirect.Scheme is "javascript" or "data" or "file" or "vbscript" or "blob"
            || (redirect.Scheme == Uri.UriSchemeHttp && !redirect.IsLoopback)
        )
        {
            return Outcome<AuthorizationRequest>.Fail(
                ErrorCodes.InvalidRequest,
                "redirect_uri must use https, loopback http or an app's private-use scheme"
            );
        }
        var challenge = parameters["code_challenge"];
        if (string.IsNullOrEmpty(challenge))
        {
            return Outcome<AuthorizationRequest>.Fail(ErrorCodes.InvalidRequest, "code_challenge is required (PKCE)");
        }
        if (parameters["code_challenge_method"] != "S256")
        {
            return Outcome<AuthorizationRequest>.Fail(ErrorCodes.InvalidRequest, "code_challenge_method must be S256");
        }
        if (challenge.Length != 43)
        {
            return Outcome<AuthorizationRequest>.Fail(ErrorCodes.InvalidRequest, "code_challenge must be a base64url SHA-256 digest");
        }
        var details = AuthorizationDetails.Parse(parameters["authorization_details"], catalog, endpoints.CredentialIssuer);
        if (details.Failed)
        {
            return details.Error;
        }
        var scope = parameters["scope"];
        var scopeIds = catalog.IdsForScope(scope);
        if (details.Value.Count == 0 && scopeIds.Count == 0)
        {
            return Outcome<AuthorizationRequest>.Fail(
                ErrorCodes.InvalidScope,
                "request a credential configuration by scope or authorization_details"
            );
        }
        var requestedJkt = parameters["dpop_jkt"];
        if (!string.IsNullOrEmpty(requestedJkt) && dpopJkt is not null && requestedJkt != dpopJkt)
        {
            return Outcome<AuthorizationRequest>.Fail(ErrorCodes.InvalidDpopProof, "dpop_jkt does not match the DPoP proof's key");
        }
        return Outcome<AuthorizationRequest>.Success(
            new AuthorizationRequest
            {
                ClientId = clientId,
                RedirectUri = redirectUri,
                CodeChallenge = challenge,
                State = NullIfEmpty(parameters["state"]),
                IssuerState = NullIfEmpty(parameters["issuer_state"]),
                Scope = NullIfEmpty(scope),
                AuthorizationDetailIds = details.Value,
                ScopeIds = scopeIds,
                DpopJkt = dpopJkt ?? NullIfEmpty(requestedJkt),
            }
        );
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
