using GaiaX.Oid4vc.Credentials.Protocol;
using GaiaX.Oid4vc.Verifier.Requests;
using GaiaX.Oid4vc.Verifier.Status;
using GaiaX.Oid4vc.Verifier.Trust;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Verifier.Responses;

/// <summary>
/// Takes an authorization response through the request's life cycle (<see cref="PresentationRequestLifecycle"/>):
/// the request is claimed out of the waiting states with a compare-and-swap first, so a response (and
/// with it <c>state</c> and <c>nonce</c>) is accepted once even under concurrency; the
/// <see cref="AuthorizationResponseValidator"/> judges it; the outcome is written on the request and a
/// verified presentation is published. The claim brackets the judgement, which is why the recorder,
/// not the endpoint, calls the validator.
/// </summary>
public sealed class AuthorizationResponseRecorder(
    IPresentationRequestStore store,
    AuthorizationResponseValidator validator,
    IPresentationEventPublisher events,
    VerifierTelemetry telemetry,
    PresentationStatusNotifier notifier,
    TrustListFollower trust,
    ILogger<AuthorizationResponseRecorder> logger,
    IOptions<VerifierOptions> options,
    TimeProvider time
)
{
    private const int NotFound = 404;

    private static readonly ProtocolError AnsweredAlready = ProtocolError.InvalidRequest(
        "this authorization request has been answered already; a response is accepted once"
    );

    /// <summary>
    /// The answer while no trust list is known (following the Registry, none received or stored yet): the response is
    /// not judged and the request is left as it is, so the wallet can send it again once the list has arrived.
    /// </summary>
    private static readonly ProtocolError TrustUnknown = new(
        ErrorCodes.TemporarilyUnavailable,
        "the verifier has not received the trust list from the registry yet, so no credential can be judged; try again later",
        503
    )
    {
        RetryAfter = TimeSpan.FromSeconds(5),
    };

    /// <summary>Judges and records the response <paramref name="form"/> to request <paramref name="requestId"/>.</summary>
    public async Task<Outcome<AuthorizationResponseAccepted>> RecordAsync(
        string requestId,
        IReadOnlyDictionary<string, string> form,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(form);
        var stored = await store.GetAsync(requestId, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return new ProtocolError(ErrorCodes.InvalidRequest, "unknown response_uri", NotFound);
        }
        var request = stored.Request;
        var now = time.GetUtcNow();
        if (!request.IsAwaitingResponseAt(now))
        {
            return AnsweredAlready;
        }
        if (now >= request.ExpiresAt)
        {
            var expired = new RejectionReason(
                ResponseFailureCodes.RequestExpired,
                "the response arrived after the authorization request expired"
            );
            var rejected = PresentationRequestLifecycle.Rejected(request, [expired]);
            if (await store.TryReplaceAsync(rejected, stored.ETag, cancellationToken).ConfigureAwait(false))
            {
                Record(rejected);
            }
            return ProtocolError.InvalidRequest(expired.Description);
        }

        var parameters = AuthorizationResponseValidator.ReadParameters(request, form);
        if (parameters.Failed)
        {
            return parameters.Error;
        }
        // Not knowing what is trusted is not "untrusted": nothing is judged, nothing is recorded.
        if (trust.Current is null)
        {
            return TrustUnknown;
        }

        // Claim the request: until the claim's deadline no other response is processed for it. If the
        // outcome cannot be written (a state-store outage), the claim lapses at the deadline and the
        // request can be answered again, or expires, instead of staying claimed forever.
        var processing = PresentationRequestLifecycle.Claimed(request, now, now.AddSeconds(options.Value.ResponseProcessingTimeoutSeconds));
        if (!await store.TryReplaceAsync(processing, stored.ETag, cancellationToken).ConfigureAwait(false))
        {
            return AnsweredAlready;
        }
        // Once claimed, the response is judged to the end even if the wallet hangs up: otherwise the
        // request would stay claimed with no outcome until the deadline. Verification has its own deadline.
        var claimed = await store.GetAsync(requestId, CancellationToken.None).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The request vanished while it was being answered.");
        if (
            claimed.Request.ProcessingDeadline != processing.ProcessingDeadline
            || claimed.Request.Status != PresentationRequestStatus.Processing
        )
        {
            return AnsweredAlready;
        }
        AuthorizationResponseVerdict verdict;
        try
        {
            verdict = await validator.ValidateAsync(processing, parameters.Value, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Record that the response could not be judged (the failure itself goes to the logs), then fail loudly.
            var failed = PresentationRequestLifecycle.Rejected(
                processing,
                [
                    new RejectionReason(
                        ResponseFailureCodes.VerificationFailed,
                        "the response could not be verified because of an internal error"
                    ),
                ]
            );
            await store.TryReplaceAsync(failed, claimed.ETag, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        var (final, accepted) = Judged(processing, verdict);
        if (!await store.TryReplaceAsync(final, claimed.ETag, CancellationToken.None).ConfigureAwait(false))
        {
            // The claim lapsed while this response was judged and another response took the request over.
            return AnsweredAlready;
        }
        Record(final);
        notifier.Changed(final);
        // Only a relying party that asked for a Gaia-X label gets its presentation assessed; the others
        // would see a verdict (and parse errors) they never asked for.
        if (verdict.Verified is { } verified && final.ComplianceRequested)
        {
            var notice = new PresentationVerifiedNotice(final, verified.Presentations, verified.Credentials);
            await events.PublishVerifiedAsync(notice, CancellationToken.None).ConfigureAwait(false);
        }
        return verdict.Error is { } error ? error : Outcome<AuthorizationResponseAccepted>.Success(accepted);
    }

    /// <summary>The request as the verdict leaves it (the claim ends with it), and the wallet's answer.</summary>
    private static (PresentationRequest Final, AuthorizationResponseAccepted Accepted) Judged(
        PresentationRequest processing,
        AuthorizationResponseVerdict verdict
    )
    {
        if (verdict.Verified is not { } verified)
        {
            return (
                PresentationRequestLifecycle.Rejected(processing, verdict.Reasons!) with
                {
                    ProcessingDeadline = null,
                },
                AuthorizationResponseAccepted.Empty
            );
        }
        var final = PresentationRequestLifecycle.Verified(processing, verified.CredentialsByQuery) with { ProcessingDeadline = null };
        if (processing.RedirectUri is not { } redirectUri)
        {
            return (final, AuthorizationResponseAccepted.Empty);
        }
        // Same device: only the party that receives the redirect learns the code that unlocks the result.
        var code = RequestObjectGenerator.Random(32);
        return (
            final with
            {
                ResponseCodeHash = PresentationRequestService.HashCode(code),
            },
            new AuthorizationResponseAccepted($"{redirectUri}#response_code={code}")
        );
    }

    private void Record(PresentationRequest request)
    {
        var reason = request.Reasons?.FirstOrDefault();
        telemetry.ResponseJudged(request.Status, reason?.Code, time.GetUtcNow() - request.CreatedAt);
        if (reason is null)
        {
            VerifierLog.Verified(logger, request.Id);
        }
        else
        {
            VerifierLog.Rejected(logger, request.Id, reason.Code, reason.Description);
        }
    }
}
