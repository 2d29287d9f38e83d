using GaiaX.Oid4vc.Credentials.Protocol;
using GaiaX.Oid4vc.Verifier.Requests;

namespace GaiaX.Oid4vc.Verifier.Responses;

/// <summary>
/// The judgement of a response the request was claimed for: the verified presentations, or why the
/// response was refused. Both are recorded on the request; only a refusal carries an error for the wallet.
/// </summary>
public sealed record AuthorizationResponseVerdict
{
    private AuthorizationResponseVerdict(VerifiedPresentations? verified, IReadOnlyList<RejectionReason>? reasons, ProtocolError? error)
    {
        Verified = verified;
        Reasons = reasons;
        Error = error;
    }

    /// <summary>The presentations, when every one verified and together they satisfy the query.</summary>
    public VerifiedPresentations? Verified { get; }

    /// <summary>Why the response was refused (each with a stable code), when it was.</summary>
    public IReadOnlyList<RejectionReason>? Reasons { get; }

    /// <summary>
    /// What the wallet is answered for a refusal. Null for an error response of the wallet's own: it
    /// is acknowledged, as there is nothing the wallet could do about it.
    /// </summary>
    public ProtocolError? Error { get; }

    public static AuthorizationResponseVerdict Accept(VerifiedPresentations verified) => new(verified, null, null);

    public static AuthorizationResponseVerdict Reject(IReadOnlyList<RejectionReason> reasons, ProtocolError? error) =>
        new(null, reasons, error);

    /// <summary>An <c>invalid_request</c> refusal for one reason, told to the wallet in the reason's words.</summary>
    public static AuthorizationResponseVerdict Reject(RejectionReason reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        return new(null, [reason], ProtocolError.InvalidRequest(reason.Description));
    }
}
