using System.Text.Json;
using System.Text.Json.Serialization;
using GaiaX.Oid4vc.Issuer.Deferred;
using GaiaX.Oid4vc.Issuer.Metadata;
using GaiaX.Oid4vc.Issuer.Notification;
using GaiaX.Oid4vc.Issuer.Offers;
using GaiaX.Oid4vc.Issuer.Protocol;
using GaiaX.Oid4vc.Issuer.Token;
using GaiaX.Oid4vc.ServiceDefaults;
using Microsoft.Extensions.Options;
using GaiaX.Oid4vc.Credentials.Protocol;

namespace GaiaX.Oid4vc.Issuer.Credentials;

/// <summary><c>POST /credential</c> and <c>POST /deferred_credential</c>.</summary>
public static class CredentialEndpoints
{
    public static void MapCredentialEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost(IssuerEndpoints.Paths.Credential, CredentialAsync).DisableAntiforgery().WithProtocolErrors();
        routes.MapPost(IssuerEndpoints.Paths.DeferredCredential, DeferredAsync).DisableAntiforgery().WithProtocolErrors();
    }

    private static Task<IResult> CredentialAsync(HttpContext context, AccessTokenValidator tokens, CredentialRequestProcessor processor, CancellationToken cancellationToken) =>
        AnswerAsync(context, tokens, processor.ProcessAsync, cancellationToken);

    private static Task<IResult> DeferredAsync(HttpContext context, AccessTokenValidator tokens, CredentialRequestProcessor processor, CancellationToken cancellationToken) =>
        AnswerAsync(context, tokens, processor.ProcessDeferredAsync, cancellationToken);

    /// <summary>
    /// The credential and deferred credential endpoints share their HTTP shape: access token, JSON
    /// body, then the processor's answer (202 while the credential is still pending).
    /// </summary>
    private static async Task<IResult> AnswerAsync(
        HttpContext context,
        AccessTokenValidator tokens,
        Func<ValidatedAccessToken, JsonElement, CancellationToken, Task<Outcome<CredentialResponse>>> process,
        CancellationToken cancellationToken)
    {
        var token = await tokens.ValidateAsync(context.Request, cancellationToken).ConfigureAwait(false);
        if (token.Failed)
        {
            return ProtocolResults.Error(token.Error);
        }
        using var body = await ReadJsonAsync(context.Request, ErrorCodes.InvalidCredentialRequest, cancellationToken).ConfigureAwait(false);
        if (body.Failed)
        {
            return ProtocolResults.Error(body.Error);
        }
        var result = await process(token.Value, body.Value.RootElement, cancellationToken).ConfigureAwait(false);
        if (result.Failed)
        {
            return ProtocolResults.Error(result.Error);
        }
        return ProtocolResults.Json(result.Value, result.Value.Deferred ? StatusCodes.Status202Accepted : StatusCodes.Status200OK);
    }

    /// <summary>
    /// Reads an <c>application/json</c> object body through <see cref="JsonRequestBody"/>; anything
    /// else (malformed, too deep, repeated members, text that is not Unicode) is the request's error.
    /// </summary>
    public static async Task<DisposableOutcome> ReadJsonAsync(HttpRequest request, string errorCode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!JsonRequestBody.IsJson(request.ContentType))
        {
            return new DisposableOutcome(null, new ProtocolError(errorCode, "the request body must be application/json"));
        }
        var (document, problem) = await JsonRequestBody.ParseAsync(request.Body, cancellationToken).ConfigureAwait(false);
        if (document is null)
        {
            return new DisposableOutcome(null, new ProtocolError(errorCode, problem!));
        }
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            return new DisposableOutcome(null, new ProtocolError(errorCode, "the request body must be a JSON object"));
        }
        return new DisposableOutcome(document, null);
    }

    /// <summary>A parsed JSON body or the error that prevented it.</summary>
    public sealed class DisposableOutcome(JsonDocument? value, ProtocolError? error) : IDisposable
    {
        public JsonDocument? Value { get; } = value;

        public ProtocolError? Error { get; } = error;

        [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Error))]
        [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(false, nameof(Value))]
        public bool Failed => Error is not null;

        public void Dispose() => Value?.Dispose();
    }
}
