using System.Security.Cryptography;
using System.Text;
using GaiaX.Oid4vc.Verifier.Requests;

namespace GaiaX.Oid4vc.Verifier.Status;

/// <summary>
/// Shows a request's status to the relying party. For a same-device request the verified
/// credentials are released once, to the holder of the single-use <c>response_code</c> the
/// wallet's redirect carried (OpenID4VP 1.0 §13.3, session fixation).
/// </summary>
public sealed class PresentationStatusService(IPresentationRequestStore store, TimeProvider time)
{
    public async Task<StatusLookup> GetAsync(string id, string? caller, string? responseCode, CancellationToken cancellationToken)
    {
        var stored = await store.GetAsync(id, cancellationToken).ConfigureAwait(false);
        // Another relying party's request is answered as if it did not exist: ids must not be probed.
        if (stored is null || !IsOwner(stored.Request, caller))
        {
            return new StatusLookup(
                null,
                StatusCodes.Status404NotFound,
                "No presentation request with this id exists (or it has expired)."
            );
        }
        var request = stored.Request;
        if (request.RedirectUri is null)
        {
            return new StatusLookup(PresentationRequestStatusView.From(request, revealCredentials: true, time.GetUtcNow()));
        }
        if (responseCode is null)
        {
            return new StatusLookup(PresentationRequestStatusView.From(request, revealCredentials: false, time.GetUtcNow()));
        }
        if (request.ResponseCodeHash is null || !Matches(responseCode, request.ResponseCodeHash))
        {
            return new StatusLookup(null, StatusCodes.Status400BadRequest, "The response_code does not belong to this request.");
        }
        if (request.ResponseCodeRedeemed)
        {
            return new StatusLookup(null, StatusCodes.Status400BadRequest, "The response_code has been used already; it is single-use.");
        }
        if (
            !await store.TryReplaceAsync(request with { ResponseCodeRedeemed = true }, stored.ETag, cancellationToken).ConfigureAwait(false)
        )
        {
            // Another caller changed the request first: only the one that redeemed the code gets the credentials.
            var again = await store.GetAsync(id, cancellationToken).ConfigureAwait(false);
            if (again is null || again.Request.ResponseCodeRedeemed)
            {
                return new StatusLookup(
                    null,
                    StatusCodes.Status400BadRequest,
                    "The response_code has been used already; it is single-use."
                );
            }
            return await GetAsync(id, caller, responseCode, cancellationToken).ConfigureAwait(false);
        }
        return new StatusLookup(PresentationRequestStatusView.From(request, revealCredentials: true, time.GetUtcNow()));
    }

    /// <summary>
    /// Only the relying party that created a request may read it. A request without a recorded owner
    /// (stored before owner-less tokens were refused) is readable by no one.
    /// </summary>
    public static bool IsOwner(PresentationRequest request, string? caller)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Owner is not null && caller is not null && string.Equals(request.Owner, caller, StringComparison.Ordinal);
    }

    private static bool Matches(string code, string hash) =>
        CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(PresentationRequestService.HashCode(code)),
            Encoding.ASCII.GetBytes(hash)
        );
}
