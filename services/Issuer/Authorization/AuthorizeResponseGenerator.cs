using System.Security.Claims;
using GaiaX.Oid4vc.Credentials.Protocol;
using GaiaX.Oid4vc.Issuer.Metadata;
using GaiaX.Oid4vc.Issuer.Protocol;
using GaiaX.Oid4vc.ServiceDefaults;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Issuer.Authorization;

/// <summary>
/// Answers a valid authorization request: the <see cref="IAuthorizationSubjectResolver"/> decides
/// who it is for and what is approved; an approval is stored behind a fresh authorization code, a
/// denial becomes <c>access_denied</c>. Either way the answer goes back to the client's redirect URI
/// with its <c>state</c> and the issuer's <c>iss</c> (RFC 9207).
/// </summary>
public sealed class AuthorizeResponseGenerator(
    IAuthorizationSubjectResolver resolver,
    ISingleUseStore<AuthorizationCodeRecord> codes,
    IssuerEndpoints endpoints,
    IOptions<IssuerOptions> options,
    TimeProvider time
)
{
    public async Task<AuthorizationResponse> GenerateAsync(
        AuthorizationRequest request,
        ClaimsPrincipal user,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(request);
        var decision = await resolver.ResolveAsync(request, user, cancellationToken).ConfigureAwait(false);
        var parameters = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (!decision.Approved)
        {
            parameters["error"] = ErrorCodes.AccessDenied;
            parameters["error_description"] = decision.DenialReason is null ? null : OAuthErrorText.Sanitize(decision.DenialReason);
        }
        else
        {
            var code = Secrets.NewHandle();
            await codes
                .StoreAsync(
                    code,
                    new AuthorizationCodeRecord
                    {
                        Request = request,
                        ApprovedConfigurationIds = decision.ApprovedConfigurationIds,
                        OfferId = decision.OfferId,
                        ExpiresAt = time.GetUtcNow().AddSeconds(options.Value.AuthorizationCodeLifetimeSeconds),
                    },
                    cancellationToken
                )
                .ConfigureAwait(false);
            parameters["code"] = code;
        }
        if (request.State is not null)
        {
            parameters["state"] = request.State;
        }
        parameters["iss"] = endpoints.CredentialIssuer;
        return new AuthorizationResponse(request.RedirectUri, parameters);
    }
}
