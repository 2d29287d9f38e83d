using System.Security.Claims;

namespace GaiaX.Oid4vc.Issuer.Authorization;

/// <summary>
/// Decides, at <c>/authorize</c>, which subject the request is for and which credential
/// configurations are approved. The Issuer has no End-User login of its own: deployments with one
/// register their own resolver (e.g. after an OpenID Connect login at their identity provider),
/// which reads the End-User from the <c>user</c> argument of <see cref="ResolveAsync"/>: the principal the host's authentication
/// established for the <c>/authorize</c> request (unauthenticated when there is none).
/// </summary>
public interface IAuthorizationSubjectResolver
{
    Task<AuthorizationDecision> ResolveAsync(AuthorizationRequest request, ClaimsPrincipal user, CancellationToken cancellationToken);
}
