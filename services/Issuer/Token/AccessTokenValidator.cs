using System.Net;
using GaiaX.Oid4vc.Credentials.Protocol;
using GaiaX.Oid4vc.Issuer.Protocol;

namespace GaiaX.Oid4vc.Issuer.Token;

/// <summary>
/// Authenticates requests to the credential, deferred and notification endpoints: a Bearer token
/// (RFC 6750), or a DPoP-bound token with a DPoP proof of the bound key (RFC 9449 section 7).
/// The endpoint hands over the header values as sent; the rules on how many there may be are here.
/// </summary>
public sealed class AccessTokenValidator(IAccessTokenStore tokens, DpopProofValidator dpop, TimeProvider time)
{
    public async Task<Outcome<ValidatedAccessToken>> ValidateAsync(ProtectedResourceRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Authorization;
        if (header.Count == 0)
        {
            return Unauthorized("Bearer", ErrorCodes.InvalidToken, "an access token is required", challengeOnly: true);
        }
        if (header.Count != 1)
        {
            return Unauthorized("Bearer", ErrorCodes.InvalidRequest, "send exactly one Authorization header");
        }
        var value = header[0];
        var space = value.IndexOf(' ', StringComparison.Ordinal);
        var scheme = space > 0 ? value[..space] : value;
        var token = space > 0 ? value[(space + 1)..].Trim() : string.Empty;
        var isDpop = scheme.Equals("DPoP", StringComparison.OrdinalIgnoreCase);
        if (
            !(isDpop || scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
            || token.Length == 0
            || token.Length > Secrets.MaxHandleLength
        )
        {
            return Unauthorized("Bearer", ErrorCodes.InvalidToken, "use the Bearer or DPoP authorization scheme");
        }
        var record = await tokens.FindAsync(token, cancellationToken).ConfigureAwait(false);
        if (record is null || time.GetUtcNow() >= record.ExpiresAt)
        {
            return Unauthorized(isDpop ? "DPoP" : "Bearer", ErrorCodes.InvalidToken, "the access token is unknown or expired");
        }
        if (record.DpopJkt is null)
        {
            return isDpop
                ? Unauthorized("Bearer", ErrorCodes.InvalidToken, "the access token is not DPoP-bound; use the Bearer scheme")
                : Outcome<ValidatedAccessToken>.Success(new ValidatedAccessToken(token, record));
        }
        if (!isDpop)
        {
            return Unauthorized("DPoP", ErrorCodes.InvalidToken, "the access token is DPoP-bound; use the DPoP scheme with a proof");
        }
        if (request.DpopProofs.Count != 1)
        {
            return Unauthorized("DPoP", ErrorCodes.InvalidDpopProof, "exactly one DPoP proof is required");
        }
        var proof = await dpop.ValidateAsync(request.DpopProofs[0], request.Method, request.Url, token, cancellationToken)
            .ConfigureAwait(false);
        if (proof.Failed)
        {
            // RFC 9449 section 9: the resource server's nonce challenge is a 401 with WWW-Authenticate and DPoP-Nonce.
            return Outcome<ValidatedAccessToken>.Fail(
                new ProtocolError(
                    proof.Error.Error == ErrorCodes.UseDpopNonce ? ErrorCodes.UseDpopNonce : ErrorCodes.InvalidDpopProof,
                    proof.Error.Description,
                    (int)HttpStatusCode.Unauthorized
                )
                {
                    AuthenticateScheme = "DPoP",
                    DpopNonce = proof.Error.DpopNonce,
                }
            );
        }
        if (proof.Value != record.DpopJkt)
        {
            return Unauthorized(
                "DPoP",
                ErrorCodes.InvalidDpopProof,
                "the DPoP proof is signed by another key than the one the token is bound to"
            );
        }
        return Outcome<ValidatedAccessToken>.Success(new ValidatedAccessToken(token, record));
    }

    private static Outcome<ValidatedAccessToken> Unauthorized(
        string scheme,
        string error,
        string? description,
        bool challengeOnly = false
    ) =>
        Outcome<ValidatedAccessToken>.Fail(
            new ProtocolError(error, description, (int)HttpStatusCode.Unauthorized)
            {
                AuthenticateScheme = scheme,
                ChallengeOnly = challengeOnly,
            }
        );
}
