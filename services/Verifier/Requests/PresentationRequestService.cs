using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using GaiaX.Oid4vc.Credentials.Protocol;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Verifier.Requests;

/// <summary>
/// Creates presentation requests and serves their request objects; the protocol decisions live
/// here, the endpoints only translate HTTP.
/// </summary>
public sealed class PresentationRequestService(
    IPresentationRequestStore store,
    RequestObjectGenerator generator,
    IOptions<VerifierOptions> options,
    TimeProvider time)
{
    private const int MaxWalletNonceLength = 256;

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
            EncryptionKey = command.ResponseMode == ResponseModes.DirectPostJwt ? RequestObjectGenerator.NewEncryptionKey() : null,
            CreatedAt = now,
            ExpiresAt = now.AddSeconds(options.Value.RequestLifetimeSeconds),
        };
        await store.CreateAsync(request, cancellationToken).ConfigureAwait(false);

        return new PresentationRequestCreated(request, AuthorizationRequestUri(request), generator.RequestUri(request.Id));
    }

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

    /// <summary>
    /// Answers a wallet's fetch of the request URI (GET, or POST with <c>wallet_nonce</c> and
    /// <c>wallet_metadata</c>, §5.10) and records that the request was retrieved.
    /// </summary>
    public async Task<RequestObjectResult> GetRequestObjectAsync(string id, string? walletNonce, string? walletMetadata, CancellationToken cancellationToken)
    {
        var stored = await store.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return new(null, new ProtocolError(ErrorCodes.InvalidRequest, "unknown request_uri", 404));
        }
        var request = stored.Request;
        if (time.GetUtcNow() >= request.ExpiresAt)
        {
            return new(null, new ProtocolError(ErrorCodes.InvalidRequest, "the authorization request has expired"));
        }
        if (!request.IsAwaitingResponseAt(time.GetUtcNow()))
        {
            return new(null, new ProtocolError(ErrorCodes.InvalidRequest, "the authorization request has been answered already"));
        }
        if (walletNonce is not null && (walletNonce.Length is 0 or > MaxWalletNonceLength || !walletNonce.All(IsUrlSafe)))
        {
            return new(null, new ProtocolError(ErrorCodes.InvalidRequest, $"wallet_nonce must be 1 to {MaxWalletNonceLength} URL-safe characters"));
        }

        string? walletIssuer = null;
        if (walletMetadata is not null)
        {
            var metadata = WalletMetadata.Parse(walletMetadata);
            if (metadata.Error is not null)
            {
                return new(null, metadata.Error);
            }
            if (metadata.VpFormatsSupported is { } formats && !RequestedFormats(request).Any(formats.Contains))
            {
                return new(null, new ProtocolError(ErrorCodes.VpFormatsNotSupported,
                    $"the wallet supports none of the requested formats ({string.Join(", ", RequestedFormats(request))})"));
            }
            walletIssuer = metadata.Issuer;
        }

        var jwt = generator.Create(request, walletNonce, walletIssuer);
        if (request.Status == PresentationRequestStatus.Pending)
        {
            // Losing this race only means another fetch recorded the retrieval first.
            await store.TryReplaceAsync(request with { Status = PresentationRequestStatus.Retrieved, RetrievedAt = time.GetUtcNow() }, stored.ETag, cancellationToken).ConfigureAwait(false);
        }
        return new(jwt, null);
    }

    private static IEnumerable<string> RequestedFormats(PresentationRequest request) =>
        request.DcqlQuery.GetProperty("credentials").EnumerateArray().Select(c => c.GetProperty("format").GetString()!).Distinct();

    private static bool IsUrlSafe(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~';

    /// <summary>SHA-256 of a response code, base64url: what the store keeps instead of the code.</summary>
    public static string HashCode(string code) => Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(code)));
}
