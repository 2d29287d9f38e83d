using GaiaX.Oid4vc.Issuer.Metadata;
using GaiaX.Oid4vc.Issuer.Protocol;
using GaiaX.Oid4vc.Issuer.Token;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using GaiaX.Oid4vc.ServiceDefaults;
using GaiaX.Oid4vc.Credentials.Protocol;

namespace GaiaX.Oid4vc.Issuer.Authorization;

/// <summary><c>POST /par</c> (RFC 9126) and <c>GET /authorize</c> (RFC 6749 4.1, RFC 9207 <c>iss</c>).</summary>
public static class AuthorizationEndpoints
{
    private const string RequestUriPrefix = "urn:ietf:params:oauth:request_uri:";

    public static void MapAuthorizationEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost(IssuerEndpoints.Paths.PushedAuthorization, PushAsync).DisableAntiforgery().WithProtocolErrors();
        routes.MapGet(IssuerEndpoints.Paths.Authorize, AuthorizeAsync);
    }

    private static async Task<IResult> PushAsync(
        HttpContext context,
        AuthorizationRequestValidator validator,
        DpopProofValidator dpop,
        IPushedAuthorizationRequestStore requests,
        IssuerEndpoints endpoints,
        IOptions<IssuerOptions> options,
        CancellationToken cancellationToken)
    {
        if (!context.Request.HasFormContentType)
        {
            return ProtocolResults.Error(new ProtocolError(ErrorCodes.InvalidRequest, "the pushed authorization request must be form-encoded"));
        }
        var form = await context.Request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
        if (PublicClients.RefuseClientAuthentication(form, context.Request.Headers) is { } refused)
        {
            return ProtocolResults.Error(refused);
        }
        string? jkt = null;
        if (context.Request.Headers[DpopProofValidator.HeaderName] is { Count: > 0 } proofHeader)
        {
            var proof = await dpop.ValidateAsync(proofHeader.ToString(), HttpMethods.Post, endpoints.PushedAuthorization, null, cancellationToken).ConfigureAwait(false);
            if (proof.Failed)
            {
                return ProtocolResults.Error(proof.Error);
            }
            jkt = proof.Value;
        }
        var request = validator.Validate(name => form[name], jkt);
        if (request.Failed)
        {
            return ProtocolResults.Error(request.Error);
        }
        var lifetime = TimeSpan.FromSeconds(options.Value.PushedAuthorizationRequestLifetimeSeconds);
        var requestUri = RequestUriPrefix + Secrets.NewHandle();
        await requests.StoreAsync(requestUri, request.Value, lifetime, cancellationToken).ConfigureAwait(false);
        return ProtocolResults.Json(new PushedAuthorizationResponse(requestUri, (int)lifetime.TotalSeconds), StatusCodes.Status201Created);
    }

    private static async Task<IResult> AuthorizeAsync(
        HttpContext context,
        AuthorizationRequestValidator validator,
        IPushedAuthorizationRequestStore requests,
        IAuthorizationSubjectResolver resolver,
        ISingleUseStore<AuthorizationCodeRecord> codes,
        IssuerEndpoints endpoints,
        IOptions<IssuerOptions> options,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var query = context.Request.Query;
        AuthorizationRequest request;
        if (query["request_uri"].ToString() is { Length: > 0 } requestUri)
        {
            var pushed = await requests.ConsumeAsync(requestUri, query["client_id"].ToString(), cancellationToken).ConfigureAwait(false);
            if (pushed.Failed)
            {
                return ProtocolResults.Error(pushed.Error);
            }
            request = pushed.Value;
        }
        else if (options.Value.RequirePushedAuthorizationRequests)
        {
            return ProtocolResults.Error(new ProtocolError(ErrorCodes.InvalidRequest, "this authorization server requires pushed authorization requests (request_uri from /par)"));
        }
        else
        {
            var validated = validator.Validate(name => query[name], null);
            if (validated.Failed)
            {
                return ProtocolResults.Error(validated.Error);
            }
            request = validated.Value;
        }

        var decision = await resolver.ResolveAsync(request, context, cancellationToken).ConfigureAwait(false);
        var parameters = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (!decision.Approved)
        {
            parameters["error"] = ErrorCodes.AccessDenied;
            parameters["error_description"] = decision.DenialReason is null ? null : OAuthErrorText.Sanitize(decision.DenialReason);
        }
        else
        {
            var code = Secrets.NewHandle();
            await codes.StoreAsync(code, new AuthorizationCodeRecord
            {
                Request = request,
                ApprovedConfigurationIds = decision.ApprovedConfigurationIds,
                OfferId = decision.OfferId,
                ExpiresAt = time.GetUtcNow().AddSeconds(options.Value.AuthorizationCodeLifetimeSeconds),
            }, cancellationToken).ConfigureAwait(false);
            parameters["code"] = code;
        }
        if (request.State is not null)
        {
            parameters["state"] = request.State;
        }
        parameters["iss"] = endpoints.CredentialIssuer;
        return Results.Redirect(QueryHelpers.AddQueryString(request.RedirectUri, parameters));
    }
}
