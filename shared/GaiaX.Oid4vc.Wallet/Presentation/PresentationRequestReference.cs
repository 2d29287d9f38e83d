using GaiaX.Oid4vc.Credentials.Protocol;
using GaiaX.Oid4vc.Wallet.Issuance;

namespace GaiaX.Oid4vc.Wallet.Presentation;

/// <summary>
/// What an <c>openid4vp://</c> link carries (OpenID4VP 1.0 §5): the client_id and a request_uri
/// (with its method), or a signed request by value.
/// </summary>
public sealed record PresentationRequestReference(string ClientId, Uri? RequestUri, string RequestUriMethod, string? Request)
{
    public static PresentationRequestReference Parse(string link)
    {
        ArgumentException.ThrowIfNullOrEmpty(link);
        if (!Uri.TryCreate(link.Trim(), UriKind.Absolute, out var uri))
        {
            throw new WalletProtocolException(ErrorCodes.InvalidRequest, "The presentation request is not a URI.");
        }
        var parameters = QueryParameters.Parse(uri.Query);
        if (!parameters.TryGetValue("client_id", out var clientId) || clientId.Length == 0)
        {
            throw new WalletProtocolException(ErrorCodes.InvalidRequest, "The presentation request has no client_id.");
        }
        parameters.TryGetValue("request_uri", out var requestUri);
        parameters.TryGetValue("request", out var request);
        if ((requestUri is null) == (request is null))
        {
            throw new WalletProtocolException(
                ErrorCodes.InvalidRequest,
                "Exactly one of request_uri and request must be present: this wallet accepts signed requests only."
            );
        }
        var method = parameters.TryGetValue("request_uri_method", out var m) ? m : "get";
        if (method is not ("get" or "post"))
        {
            throw new WalletProtocolException(
                ErrorCodes.InvalidRequestUriMethod,
                $"request_uri_method '{method}' is neither get nor post."
            );
        }
        Uri? parsedRequestUri = null;
        if (
            requestUri is not null
            && (
                !Uri.TryCreate(requestUri, UriKind.Absolute, out parsedRequestUri)
                || (
                    parsedRequestUri.Scheme != Uri.UriSchemeHttps
                    && !(parsedRequestUri.Scheme == Uri.UriSchemeHttp && parsedRequestUri.IsLoopback)
                )
            )
        )
        {
            throw new WalletProtocolException(ErrorCodes.InvalidRequestUri, "request_uri must be an https URL.");
        }
        return new PresentationRequestReference(clientId, parsedRequestUri, method, request);
    }
}
