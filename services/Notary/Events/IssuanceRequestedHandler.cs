using System.Globalization;
using System.Text.Json;
using GaiaX.Oid4vc.Credentials.RegistrationNumbers;
using GaiaX.Oid4vc.Dapr;
using GaiaX.Oid4vc.Dapr.Events;
using GaiaX.Oid4vc.Notary.Credentials;
using GaiaX.Oid4vc.Notary.Registries;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Notary.Events;

/// <summary>
/// Prepares the registration-number credential of an <c>issuance-requested</c> event whose
/// configuration is a registration number (<see cref="NotaryOptions.CredentialConfigurations"/>):
/// publishes <c>credential-prepared</c> with the signed VC, or, when the number is malformed or
/// unknown to the registry, a rejected <c>credential-assessed</c> carrying the reason (the Issuer
/// fails the offer with it). A registry outage is not a verdict while it is shorter than
/// <see cref="NotaryOptions.RegistryOutageDeadlineSeconds"/> (counted from the event's
/// <see cref="IntegrationEvent.CreationDate"/>): the event is redelivered, and once the sidecar gives up
/// and dead-letters it, <see cref="HandleDeadLetteredAsync"/> asks again and publishes it anew. Past the
/// deadline the outage becomes the rejection, so no offer waits for a credential that never comes.
/// May arrive twice (at-least-once delivery): the idempotency guard makes one outcome per event id.
/// </summary>
public sealed partial class IssuanceRequestedHandler(
    RegistrationNumberCredentialService credentials,
    IIdempotencyGuard guard,
    IEventBus events,
    IOptions<NotaryOptions> options,
    TimeProvider time,
    ILogger<IssuanceRequestedHandler> logger
)
{
    public const string Route = "/events/issuance-requested";

    /// <summary>The route of the dead-letter topic of <c>issuance-requested</c>.</summary>
    public const string DeadLetterRoute = "/events/issuance-requested-dead-letter";
    public const string CredentialFormat = "jwt_vc_json";

    public async Task<IntegrationEventResult> HandleAsync(IssuanceRequested request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!IsOurs(request, out var type))
        {
            // Another service prepares this configuration.
            return IntegrationEventResult.Success;
        }

        try
        {
            var outcome = await guard
                .RunOnceAsync(nameof(IssuanceRequestedHandler), request.Id, ct => PrepareAsync(request, type, ct), cancellationToken)
                .ConfigureAwait(false);
            return outcome.ToResult();
        }
        catch (RegistryNotAnsweringException unavailable)
        {
            LogRedelivery(logger, request.OfferId, unavailable.Message);
            return IntegrationEventResult.Retry;
        }
    }

    /// <summary>
    /// An <c>issuance-requested</c> event whose deliveries all met a registry outage. The registry is
    /// asked once more; if it still does not answer before the deadline, the same event (same id and
    /// creation date, so the deadline and the idempotency key stay) is published again for a new round
    /// of deliveries, so the Notary is asked again after the registry recovers. Nothing dead-letters
    /// this subscription further: every event is settled here (a failing publish is retried by the sidecar).
    /// </summary>
    public async Task<IntegrationEventResult> HandleDeadLetteredAsync(IssuanceRequested request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!IsOurs(request, out var type))
        {
            return IntegrationEventResult.Success;
        }

        try
        {
            var outcome = await guard
                .RunOnceAsync(nameof(IssuanceRequestedHandler), request.Id, ct => PrepareAsync(request, type, ct), cancellationToken)
                .ConfigureAwait(false);
            if (outcome != IdempotencyOutcome.InProgress)
            {
                return IntegrationEventResult.Success;
            }
        }
        catch (RegistryNotAnsweringException unavailable)
        {
            LogRepublished(logger, request.OfferId, unavailable.Message);
        }
        // Still unsettled (or another delivery is running it right now, which may fail in turn).
        await events.PublishAsync(request, cancellationToken).ConfigureAwait(false);
        return IntegrationEventResult.Success;
    }

    private bool IsOurs(IssuanceRequested request, out RegistrationNumberType type)
    {
        type = default;
        return options.Value.CredentialConfigurations.TryGetValue(request.CredentialConfigurationId, out var slug)
            && RegistrationNumberTypes.TryParseSlug(slug, out type);
    }

    private async Task PrepareAsync(IssuanceRequested request, RegistrationNumberType type, CancellationToken cancellationToken)
    {
        var format = request.Format ?? CredentialFormat;
        var problem =
            format != CredentialFormat ? $"The Notary issues registration-number credentials as {CredentialFormat}, not {format}."
            : string.IsNullOrEmpty(request.SubjectId) ? "The issuance request names no credential subject (subjectId)."
            : null;
        var value = Number(request.Claims, type);
        if (problem is null && value is null)
        {
            problem = $"The claims hold no {type.NumberProperty()} ({RegistrationNumberSyntax.Describe(type)}).";
        }
        if (problem is not null)
        {
            await RejectAsync(request, problem, cancellationToken).ConfigureAwait(false);
            return;
        }

        // The event id names the credential, so a redelivery after a crash signs the same id.
        var issued = await credentials
            .IssueAsync(type, value, "urn:uuid:" + request.Id.ToString("D"), request.SubjectId!, cancellationToken)
            .ConfigureAwait(false);
        switch (issued.Outcome.Result)
        {
            case RegistryCheckResult.Registered when issued.Credential is { } jwt:
                await events
                    .PublishAsync(
                        new CredentialPrepared(request.OfferId, request.CredentialConfigurationId, jwt, CredentialFormat, AppIds.Notary),
                        cancellationToken
                    )
                    .ConfigureAwait(false);
                break;
            case RegistryCheckResult.InvalidInput invalid:
                await RejectAsync(request, invalid.Reason, cancellationToken).ConfigureAwait(false);
                break;
            case RegistryCheckResult.NotRegistered notRegistered:
                await RejectAsync(request, notRegistered.Reason, cancellationToken).ConfigureAwait(false);
                break;
            case RegistryCheckResult.Unavailable unavailable:
                await OutageAsync(request, unavailable.Reason, cancellationToken).ConfigureAwait(false);
                break;
            case RegistryCheckResult.BadGateway bad:
                await OutageAsync(request, bad.Reason, cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    /// <summary>
    /// Before the deadline an outage asks for another attempt (the guard releases the event id);
    /// after it, the outage is the verdict. An event without a creation date cannot be bounded and
    /// counts as past the deadline.
    /// </summary>
    private async Task OutageAsync(IssuanceRequested request, string reason, CancellationToken cancellationToken)
    {
        var deadline = TimeSpan.FromSeconds(options.Value.RegistryOutageDeadlineSeconds);
        if (request.CreationDate != default && time.GetUtcNow() < request.CreationDate + deadline)
        {
            throw new RegistryNotAnsweringException(reason);
        }
        LogGaveUp(logger, request.OfferId, reason);
        await RejectAsync(request, $"the registry did not answer within {Describe(deadline)} of the request: {reason}", cancellationToken)
            .ConfigureAwait(false);
    }

    private static string Describe(TimeSpan deadline) =>
        deadline.TotalSeconds % 60 == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{deadline.TotalMinutes:0} minutes")
            : string.Create(CultureInfo.InvariantCulture, $"{deadline.TotalSeconds:0} seconds");

    private Task RejectAsync(IssuanceRequested request, string reason, CancellationToken cancellationToken) =>
        events.PublishAsync(new CredentialAssessed(request.OfferId, Accepted: false, ["notary: " + reason]), cancellationToken);

    private static string? Number(JsonElement claims, RegistrationNumberType type)
    {
        if (claims.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        var property = type.NumberProperty();
        var bare = property[(property.IndexOf(':', StringComparison.Ordinal) + 1)..];
        foreach (var name in new[] { property, bare })
        {
            if (claims.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
            {
                return value.GetString();
            }
        }
        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Registry not answering for offer {OfferId}; asking for redelivery: {Reason}")]
    private static partial void LogRedelivery(ILogger logger, string offerId, string reason);

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "Registry still not answering for dead-lettered offer {OfferId}; publishing the request again: {Reason}"
    )]
    private static partial void LogRepublished(ILogger logger, string offerId, string reason);

    [LoggerMessage(
        Level = LogLevel.Error,
        Message = "Registry outage outlasted the deadline for offer {OfferId}; rejecting the request: {Reason}"
    )]
    private static partial void LogGaveUp(ILogger logger, string offerId, string reason);

    /// <summary>Thrown inside the guarded effect so the guard releases the claim and the event is redelivered.</summary>
    private sealed class RegistryNotAnsweringException(string message) : Exception(message);
}
