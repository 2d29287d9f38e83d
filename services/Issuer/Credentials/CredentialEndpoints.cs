using System.Text.Json;
using GaiaX.Oid4vc.Credentials.Protocol;
using GaiaX.Oid4vc.Issuer.Deferred;
using GaiaX.Oid4vc.Issuer.Metadata;
using GaiaX.Oid4vc.Issuer.Token;
using GaiaX.Oid4vc.ServiceDefaults;

namespace GaiaX.Oid4vc.Issuer.Credentials;

/// <summary>
/// <c>POST /credential</c> and <c>POST /deferred_credential</c>: HTTP only. They share their shape:
/// access token, JSON body, the validator's verdict, the generator's answer (202 while the
/// credential is still pending).
/// </summary>
public static class CredentialEndpoints
{
    public static void MapCredentialEndpoints(this IEndpointRouteBuilder routes)
    {
        routes
            .MapPost(IssuerEndpoints.Paths.Credential, CredentialAsync)
            .DisableAntiforgery()
            .WithProtocolErrors()
            .WithSummary("Credential endpoint (OpenID4VCI 1.0 section 8)")
            .AcceptsJsonBody(typeof(CredentialRequestBody))
            .RequiresAccessToken()
            .Produces<CredentialResponse>(StatusCodes.Status200OK)
            .Produces<CredentialResponse>(StatusCodes.Status202Accepted);
        routes
            .MapPost(IssuerEndpoints.Paths.DeferredCredential, DeferredAsync)
            .DisableAntiforgery()
            .WithProtocolErrors()
            .WithSummary("Deferred credential endpoint (OpenID4VCI 1.0 section 9)")
            .AcceptsJsonBody(typeof(Deferred.DeferredCredentialRequestBody))
            .RequiresAccessToken()
            .Produces<CredentialResponse>(StatusCodes.Status200OK)
            .Produces<CredentialResponse>(StatusCodes.Status202Accepted);
    }

    private static Task<IResult> CredentialAsync(
        HttpContext context,
        AccessTokenValidator tokens,
        IssuerEndpoints endpoints,
        CredentialRequestValidator validator,
        CredentialResponseGenerator generator,
        IssuerMetrics metrics,
        CancellationToken cancellationToken
    ) =>
        AnswerAsync(
            context,
            tokens,
            endpoints,
            validator.ValidateAsync,
            generator.GenerateAsync,
            metrics,
            IssuerMetrics.CredentialEndpoint,
            cancellationToken
        );

    private static Task<IResult> DeferredAsync(
        HttpContext context,
        AccessTokenValidator tokens,
        IssuerEndpoints endpoints,
        DeferredCredentialRequestValidator validator,
        DeferredCredentialResponseGenerator generator,
        IssuerMetrics metrics,
        CancellationToken cancellationToken
    ) =>
        AnswerAsync(
            context,
            tokens,
            endpoints,
            validator.ValidateAsync,
            generator.GenerateAsync,
            metrics,
            IssuerMetrics.DeferredCredentialEndpoint,
            cancellationToken
        );

    private static async Task<IResult> AnswerAsync<TValidated>(
        HttpContext context,
        AccessTokenValidator tokens,
        IssuerEndpoints endpoints,
        Func<ValidatedAccessToken, JsonElement, CancellationToken, Task<Outcome<TValidated>>> validate,
        Func<TValidated, CancellationToken, Task<Outcome<CredentialResponse>>> generate,
        IssuerMetrics metrics,
        string endpoint,
        CancellationToken cancellationToken
    )
    {
        using var request = await context
            .Request.ReadAuthenticatedJsonAsync(tokens, endpoints, ErrorCodes.InvalidCredentialRequest, cancellationToken)
            .ConfigureAwait(false);
        if (request.Failed)
        {
            metrics.CredentialRequest(endpoint, request.Error.Error);
            return ProtocolResults.Error(request.Error);
        }
        var validated = await validate(request.Token, request.Document.RootElement, cancellationToken).ConfigureAwait(false);
        if (validated.Failed)
        {
            metrics.CredentialRequest(endpoint, validated.Error.Error);
            return ProtocolResults.Error(validated.Error);
        }
        var result = await generate(validated.Value, cancellationToken).ConfigureAwait(false);
        metrics.CredentialRequest(
            endpoint,
            result.Failed ? result.Error.Error
                : result.Value.Deferred ? "deferred"
                : "issued"
        );
        if (result.Failed)
        {
            return ProtocolResults.Error(result.Error);
        }
        return ProtocolResults.Json(result.Value, result.Value.Deferred ? StatusCodes.Status202Accepted : StatusCodes.Status200OK);
    }
}
