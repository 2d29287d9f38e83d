using System.Text.Json;

namespace GaiaX.Oid4vc.Verifier.Requests;

/// <summary>
/// One presentation request and everything that happened to it, as kept in the state store.
/// Transitions are compare-and-swap on the stored version, so a one-time step (answering the
/// request, redeeming the response code) happens once even under concurrency.
/// </summary>
public sealed record PresentationRequest
{
    public required string Id { get; init; }

    public required string State { get; init; }

    public required string Nonce { get; init; }

    /// <summary>The full client identifier, prefix included (the <c>aud</c> of every presentation).</summary>
    public required string ClientId { get; init; }

    public required string ClientIdPrefix { get; init; }

    /// <summary>The relying party that created the request (token <c>client_id</c>, <c>azp</c> or <c>sub</c>); only it may read the
    /// request.</summary>
    public string? Owner { get; init; }

    public required string ResponseMode { get; init; }

    public required string RequestUriMethod { get; init; }

    public required JsonElement DcqlQuery { get; init; }

    public IReadOnlyList<string>? TransactionData { get; init; }

    /// <summary>The relying party's same-device redirect URI; a response code is appended to it.</summary>
    public string? RedirectUri { get; init; }

    /// <summary>
    /// The relying party asked for a Gaia-X compliance assessment (<c>"compliance": true</c>): only then is
    /// a verified presentation sent to Compliance and the status completed with its verdict.
    /// </summary>
    public bool ComplianceRequested { get; init; }

    /// <summary>The relying party's webhook: each status change is POSTed there as a signed CloudEvent.</summary>
    public string? CallbackUrl { get; init; }

    /// <summary>The ephemeral ECDH-ES P-256 key for <c>direct_post.jwt</c> (private JWK), or null.</summary>
    public EphemeralEncryptionKey? EncryptionKey { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    public string Status { get; init; } = PresentationRequestStatus.Pending;

    public DateTimeOffset? RetrievedAt { get; init; }

    public DateTimeOffset? RespondedAt { get; init; }

    /// <summary>Verified credentials per DCQL credential query id.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<VerifiedCredentialView>>? VerifiedCredentials { get; init; }

    /// <summary>Why the response was rejected (each with a stable code).</summary>
    public IReadOnlyList<RejectionReason>? Reasons { get; init; }

    /// <summary>SHA-256 (base64url) of the same-device response code; the code itself is never stored.</summary>
    public string? ResponseCodeHash { get; init; }

    public bool ResponseCodeRedeemed { get; init; }

    public ComplianceOutcome? Compliance { get; init; }

    public LabelCredentialOffer? Offer { get; init; }

    /// <summary>
    /// Until when a response claimed for processing may take to be judged. A claim whose outcome was
    /// never written (the state store failed in between) lapses then, and the request waits again.
    /// </summary>
    public DateTimeOffset? ProcessingDeadline { get; init; }

    /// <summary>Whether a response may be accepted at <paramref name="now"/> (expiry aside): not answered, and not under a live
    /// claim.</summary>
    public bool IsAwaitingResponseAt(DateTimeOffset now) => PresentationRequestLifecycle.IsAwaitingResponse(this, now);
}
