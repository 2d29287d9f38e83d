using System.Text.Json;
using GaiaX.Oid4vc.Dapr;
using GaiaX.Oid4vc.Dapr.Events;
using GaiaX.Oid4vc.Notary.Credentials;
using GaiaX.Oid4vc.Notary.RegistrationNumbers;
using GaiaX.Oid4vc.Notary.Registries;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Notary.Events;

/// <summary>
/// Prepares the registration-number credential of an <c>issuance-requested</c> event whose
/// configuration is a registration number (<see cref="NotaryOptions.CredentialConfigurations"/>):
/// publishes <c>credential-prepared</c> with the signed VC, or, when the number is malformed or
/// unknown to the registry, a rejected <c>credential-assessed</c> carrying the reason (the Issuer
/// fails the offer with it). A registry outage is not a verdict: the event is redelivered later.
/// May arrive twice (at-least-once delivery): the idempotency guard makes one credential per event id.
/// </summary>
public sealed partial class IssuanceRequestedHandler(
    RegistrationNumberCredentialService credentials,
    IIdempotencyGuard guard,
    IEventBus events,
    IOptions<NotaryOptions> options,
    ILogger<IssuanceRequestedHandler> logger)
{
    public const string Route = "/events/issuance-requested";
    public const string CredentialFormat = "jwt_vc_json";

    public async Task<IResult> HandleAsync(IssuanceRequested request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!options.Value.CredentialConfigurations.TryGetValue(request.CredentialConfigurationId, out var slug)
            || !RegistrationNumberTypes.TryParseSlug(slug, out var type))
        {
            // Another service prepares this configuration.
            return IntegrationEventResults.Success();
        }

        try
        {
            var outcome = await guard.RunOnceAsync(nameof(IssuanceRequestedHandler), request.Id, ct => PrepareAsync(request, type, ct), cancellationToken).ConfigureAwait(false);
            return outcome.ToResult();
        }
        catch (RegistryNotAnsweringException unavailable)
        {
            LogRedelivery(logger, request.OfferId, unavailable.Message);
            return IntegrationEventResults.Retry();
        }
    }

    private async Task PrepareAsync(IssuanceRequested request, RegistrationNumberType type, CancellationToken cancellationToken)
    {
        var format = request.Format ?? CredentialFormat;
        var problem = format != CredentialFormat
            ? $"The Notary issues registration-number credentials as {CredentialFormat}, not {format}."
            : string.IsNullOrEmpty(request.SubjectId)
                ? "The issuance request names no credential subject (subjectId)."
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
        var issued = await credentials.IssueAsync(type, value, "urn:uuid:" + request.Id.ToString("D"), request.SubjectId!, cancellationToken).ConfigureAwait(false);
        switch (issued.Outcome.Result)
        {
            case RegistryCheckResult.Registered when issued.Credential is { } jwt:
                await events.PublishAsync(new CredentialPrepared(request.OfferId, request.CredentialConfigurationId, jwt, CredentialFormat, AppIds.Notary), cancellationToken).ConfigureAwait(false);
                break;
            case RegistryCheckResult.InvalidInput invalid:
                await RejectAsync(request, invalid.Reason, cancellationToken).ConfigureAwait(false);
                break;
            case RegistryCheckResult.NotRegistered notRegistered:
                await RejectAsync(request, notRegistered.Reason, cancellationToken).ConfigureAwait(false);
                break;
            case RegistryCheckResult.Unavailable unavailable:
                throw new RegistryNotAnsweringException(unavailable.Reason);
            case RegistryCheckResult.BadGateway bad:
                throw new RegistryNotAnsweringException(bad.Reason);
        }
    }

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

    /// <summary>Thrown inside the guarded effect so the guard releases the claim and the event is redelivered.</summary>
    private sealed class RegistryNotAnsweringException(string message) : Exception(message);
}
