using GaiaX.Oid4vc.Credentials.Protocol;

namespace GaiaX.Oid4vc.Verifier.Requests;

/// <summary>
/// Decides whether a wallet's fetch of the request URI (GET, or POST with <c>wallet_nonce</c> and
/// <c>wallet_metadata</c>, OpenID4VP 1.0 §5.10) may be answered: the request exists, is still waiting
/// for a response, and the wallet's nonce and metadata are acceptable.
/// </summary>
public sealed class RequestObjectRequestValidator(IPresentationRequestStore store, TimeProvider time)
{
    private const int MaxWalletNonceLength = 256;
    private const int NotFound = 404;

    public async Task<Outcome<ValidatedRequestObjectRequest>> ValidateAsync(
        string id,
        string? walletNonce,
        string? walletMetadata,
        CancellationToken cancellationToken
    )
    {
        var stored = await store.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return new ProtocolError(ErrorCodes.InvalidRequest, "unknown request_uri", NotFound);
        }
        var request = stored.Request;
        if (time.GetUtcNow() >= request.ExpiresAt)
        {
            return ProtocolError.InvalidRequest("the authorization request has expired");
        }
        if (!request.IsAwaitingResponseAt(time.GetUtcNow()))
        {
            return ProtocolError.InvalidRequest("the authorization request has been answered already");
        }
        if (walletNonce is not null && (walletNonce.Length is 0 or > MaxWalletNonceLength || !walletNonce.All(IsUrlSafe)))
        {
            return ProtocolError.InvalidRequest($"wallet_nonce must be 1 to {MaxWalletNonceLength} URL-safe characters");
        }

        string? walletIssuer = null;
        if (walletMetadata is not null)
        {
            var metadata = WalletMetadata.Parse(walletMetadata);
            if (metadata.Failed)
            {
                return metadata.Error;
            }
            if (metadata.Value.VpFormatsSupported is { } formats && !RequestedFormats(request).Any(formats.Contains))
            {
                return new ProtocolError(
                    ErrorCodes.VpFormatsNotSupported,
                    $"the wallet supports none of the requested formats ({string.Join(", ", RequestedFormats(request))})"
                );
            }
            walletIssuer = metadata.Value.Issuer;
        }
        return Outcome<ValidatedRequestObjectRequest>.Success(new ValidatedRequestObjectRequest(stored, walletNonce, walletIssuer));
    }

    private static IEnumerable<string> RequestedFormats(PresentationRequest request) =>
        request.DcqlQuery.GetProperty("credentials").EnumerateArray().Select(c => c.GetProperty("format").GetString()!).Distinct();

    private static bool IsUrlSafe(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~';
}
