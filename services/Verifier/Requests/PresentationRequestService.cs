using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Verifier.Requests;

/// <summary>
/// Creates the presentation requests <see cref="CreatePresentationRequestValidator"/> accepted (the
/// response generator of the management API) and the URIs that lead to them; the endpoints only
/// translate HTTP.
/// </summary>
public sealed class PresentationRequestService(
    IPresentationRequestStore store,
    RequestObjectGenerator generator,
    IOptions<VerifierOptions> options,
    TimeProvider time
)
{
    public async Task<PresentationRequestCreated> CreateAsync(CreatePresentationRequestCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var now = time.GetUtcNow();
        var request = new PresentationRequest
        {
            Id = RequestObjectGenerator.Random(),
            State = RequestObjectGenerator.Random(),
            Nonce = RequestObjectGenerator.Random(),
            ClientId = generator.ClientIdFor(command.ClientIdPrefix),
            ClientIdPrefix = command.ClientIdPrefix,
            Owner = command.Owner,
            ResponseMode = command.ResponseMode,
            RequestUriMethod = command.RequestUriMethod,
            DcqlQuery = command.DcqlQueryJson,
            TransactionData = command.TransactionData,
            RedirectUri = command.RedirectUri,
            ComplianceRequested = command.Compliance,
            CallbackUrl = command.CallbackUrl,
            EncryptionKey = command.ResponseMode == ResponseModes.DirectPostJwt ? RequestObjectGenerator.NewEncryptionKey() : null,
            CreatedAt = now,
            ExpiresAt = now.AddSeconds(options.Value.RequestLifetimeSeconds),
        };
        await store.CreateAsync(request, cancellationToken).ConfigureAwait(false);

        return new PresentationRequestCreated(
            request,
            AuthorizationRequestUri(request),
            generator.RequestUri(request.Id),
            StatusUri(request.Id)
        );
    }

    /// <summary>Where the relying party reads the request's status, from the configured public base URL (the Host header is the caller's to
    /// choose).</summary>
    public string StatusUri(string requestId) =>
        $"{options.Value.PublicBaseUrl.TrimEnd('/')}/api/presentation-requests/{Uri.EscapeDataString(requestId)}";

    /// <summary>
    /// The wallet invocation URL (§5, by reference): <c>openid4vp://?client_id=…&amp;request_uri=…</c>,
    /// with <c>request_uri_method=post</c> when the request asks for it.
    /// </summary>
    public string AuthorizationRequestUri(PresentationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var invocation = new StringBuilder(options.Value.WalletInvocationUrl);
        invocation.Append(options.Value.WalletInvocationUrl.Contains('?', StringComparison.Ordinal) ? '&' : '?');
        invocation.Append("client_id=").Append(Uri.EscapeDataString(request.ClientId));
        invocation.Append("&request_uri=").Append(Uri.EscapeDataString(generator.RequestUri(request.Id)));
        if (request.RequestUriMethod == "post")
        {
            invocation.Append("&request_uri_method=post");
        }
        return invocation.ToString();
    }

    /// <summary>SHA-256 of a response code, base64url: what the store keeps instead of the code.</summary>
    public static string HashCode(string code) => Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(code)));
}
