using System.Collections.Frozen;

namespace GaiaX.Oid4vc.Verifier.Requests;

/// <summary>
/// The states of a presentation request (<see cref="PresentationRequestStatus"/>) and the only moves
/// between them, written down once. Every status change goes through here, so a rule such as "a judged
/// request is never judged again" is read in this table, not reconstructed from the code that writes.
/// </summary>
/// <remarks>
/// <code>
/// pending ──► retrieved ──► processing ──► verified
///    │            │          │   ▲    └──► rejected
///    │            │          └───┘ (a lapsed claim is claimed again)
///    └────────────┴──► processing, or rejected (expired)
/// </code>
/// A wallet may answer without the retrieval having been recorded (the retrieval write is best
/// effort), so <c>pending</c> may be claimed directly. Compliance outcomes, offers and the redeemed
/// response code complete a judged request without changing its status.
/// </remarks>
public static class PresentationRequestLifecycle
{
    private static readonly FrozenDictionary<string, FrozenSet<string>> Moves = new Dictionary<string, FrozenSet<string>>(
        StringComparer.Ordinal
    )
    {
        [PresentationRequestStatus.Pending] = Targets(
            PresentationRequestStatus.Retrieved,
            PresentationRequestStatus.Processing,
            PresentationRequestStatus.Rejected
        ),
        [PresentationRequestStatus.Retrieved] = Targets(PresentationRequestStatus.Processing, PresentationRequestStatus.Rejected),
        [PresentationRequestStatus.Processing] = Targets(
            PresentationRequestStatus.Processing,
            PresentationRequestStatus.Verified,
            PresentationRequestStatus.Rejected
        ),
        [PresentationRequestStatus.Verified] = Targets(),
        [PresentationRequestStatus.Rejected] = Targets(),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Whether a request in status <paramref name="from"/> may move to <paramref name="to"/>.</summary>
    public static bool CanMove(string from, string to) => Moves.TryGetValue(from, out var targets) && targets.Contains(to);

    /// <summary>
    /// Whether a response may be accepted at <paramref name="now"/> (expiry aside): not answered, and
    /// not under a live claim.
    /// </summary>
    public static bool IsAwaitingResponse(PresentationRequest request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Status is PresentationRequestStatus.Pending or PresentationRequestStatus.Retrieved
            || (request.Status == PresentationRequestStatus.Processing && request.ProcessingDeadline is { } deadline && now >= deadline);
    }

    /// <summary>The wallet fetched the request object.</summary>
    public static PresentationRequest Retrieved(PresentationRequest request, DateTimeOffset now) =>
        Allowed(request, PresentationRequestStatus.Retrieved) with
        {
            Status = PresentationRequestStatus.Retrieved,
            RetrievedAt = now,
        };

    /// <summary>
    /// A response is being judged: until <paramref name="deadline"/> no other response is accepted. A
    /// claim whose outcome is never written lapses then, and the request waits again.
    /// </summary>
    public static PresentationRequest Claimed(PresentationRequest request, DateTimeOffset now, DateTimeOffset deadline) =>
        Allowed(request, PresentationRequestStatus.Processing) with
        {
            Status = PresentationRequestStatus.Processing,
            RespondedAt = now,
            ProcessingDeadline = deadline,
        };

    /// <summary>The presentations were verified and satisfy the query.</summary>
    public static PresentationRequest Verified(
        PresentationRequest request,
        IReadOnlyDictionary<string, IReadOnlyList<VerifiedCredentialView>> credentials
    ) =>
        Allowed(request, PresentationRequestStatus.Verified) with
        {
            Status = PresentationRequestStatus.Verified,
            VerifiedCredentials = credentials,
        };

    /// <summary>The response was refused, or the request expired unanswered.</summary>
    public static PresentationRequest Rejected(PresentationRequest request, IReadOnlyList<RejectionReason> reasons) =>
        Allowed(request, PresentationRequestStatus.Rejected) with
        {
            Status = PresentationRequestStatus.Rejected,
            Reasons = reasons,
        };

    /// <summary><paramref name="request"/> itself when it may move to <paramref name="to"/>; a move the table forbids is a bug.</summary>
    private static PresentationRequest Allowed(PresentationRequest request, string to)
    {
        ArgumentNullException.ThrowIfNull(request);
        return CanMove(request.Status, to)
            ? request
            : throw new InvalidOperationException($"A presentation request cannot move from '{request.Status}' to '{to}'.");
    }

    private static FrozenSet<string> Targets(params string[] statuses) => statuses.ToFrozenSet(StringComparer.Ordinal);
}
