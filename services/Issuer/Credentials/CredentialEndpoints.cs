using System.Text.Json;
using GaiaX.Oid4vc.Credentials.Protocol;
using GaiaX.Oid4vc.Issuer.Deferred;
using GaiaX.Oid4vc.Issuer.Encryption;
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
            .WithSummary("Credential endpoint (OpenID4VCI 1.0 section 8); application/jwt for an encrypted request (section 10)")
            .AcceptsJsonBody(typeof(CredentialRequestBody))
            .RequiresAccessToken()
            .Produces<CredentialResponse>(StatusCodes.Status200OK)
            .Produces<CredentialResponse>(StatusCodes.Status202Accepted);
        routes
            .MapPost(IssuerEndpoints.Paths.DeferredCredential, DeferredAsync)
            .DisableAntiforgery()
            .WithProtocolErrors()
            .WithSummary("Deferred credential endpoint (OpenID4VCI 1.0 section 9); application/jwt for an encrypted request")
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
        CredentialEncryption encryption,
        IssuerMetrics metrics,
        CancellationToken cancellationToken
    ) =>
        AnswerAsync(
            context,
            tokens,
            endpoints,
            validator.ValidateAsync,
            generator.GenerateAsync,
            new Answering(encryption, EncryptPending: true, metrics, IssuerMetrics.CredentialEndpoint),
            cancellationToken
        );

    private static Task<IResult> DeferredAsync(
        HttpContext context,
        AccessTokenValidator tokens,
        IssuerEndpoints endpoints,
        DeferredCredentialRequestValidator validator,
        DeferredCredentialResponseGenerator generator,
        CredentialEncryption encryption,
        IssuerMetrics metrics,
        CancellationToken cancellationToken
    ) =>
        AnswerAsync(
            context,
            tokens,
            endpoints,
            validator.ValidateAsync,
            generator.GenerateAsync,
            // Section 9.2: encrypted "regardless of the content", a pending answer too (it carries the transaction_id).
            new Answering(encryption, EncryptPending: true, metrics, IssuerMetrics.DeferredCredentialEndpoint),
            cancellationToken
        );

    private static async Task<IResult> AnswerAsync<TValidated>(
        HttpContext context,
        AccessTokenValidator tokens,
        IssuerEndpoints endpoints,
        Func<ValidatedAccessToken, JsonElement, CancellationToken, Task<Outcome<TValidated>>> validate,
        Func<TValidated, CancellationToken, Task<Outcome<CredentialResponse>>> generate,
        Answering answering,
        CancellationToken cancellationToken
    )
    {
        var (encryption, encryptPending, metrics, endpoint) = answering;
        using var request = await context
            .Request.ReadAuthenticatedJsonAsync(
                tokens,
                endpoints,
                ErrorCodes.InvalidCredentialRequest,
                cancellationToken,
                encryption.DecryptRequest
            )
            .ConfigureAwait(false);
        if (request.Failed)
        {
            metrics.CredentialRequest(endpoint, request.Error.Error);
            return ProtocolResults.Error(request.Error);
        }
        // Checked before anything is consumed (c_nonce, transaction): a response the wallet could not read is never made.
        var responseEncryption = encryption.ReadResponseEncryption(request.Document.RootElement, request.Encrypted);
        if (responseEncryption.Failed)
        {
            metrics.CredentialRequest(endpoint, responseEncryption.Error.Error);
            return ProtocolResults.Error(responseEncryption.Error);
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
        var status = result.Value.Deferred ? StatusCodes.Status202Accepted : StatusCodes.Status200OK;
        if (responseEncryption.Value is { } target && (encryptPending || !result.Value.Deferred))
        {
            var json = ProtocolResults.JsonBytes(result.Value);
            return ProtocolResults.Jwt(CredentialEncryption.Encrypt(json, target), status);
        }
        return ProtocolResults.Json(result.Value, status);
    }

    private sealed record Answering(CredentialEncryption Encryption, bool EncryptPending, IssuerMetrics Metrics, string Endpoint);
}
