using GaiaX.Oid4vc.Credentials.RegistrationNumbers;
using GaiaX.Oid4vc.Dapr.State;
using GaiaX.Oid4vc.Notary.Registries;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Notary.Verification;

/// <summary>
/// Registry confirmations in the Dapr state store, each with <c>ttlInSeconds</c> =
/// <see cref="NotaryOptions.VerifiedResultTimeToLive"/>, so every Notary replica reuses them. The
/// cache only saves registry calls: a state store that fails is logged and the registry is asked.
/// </summary>
public sealed partial class DaprVerifiedRegistrationCache(
    IDaprStateStore state,
    IOptions<NotaryOptions> options,
    ILogger<DaprVerifiedRegistrationCache> logger
) : IVerifiedRegistrationCache
{
    public async Task<RegistryCheckResult.Registered?> GetAsync(RegistrationNumber number, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(number);
        try
        {
            var cached = await state.GetAsync<CachedRegistration>(Key(number), cancellationToken).ConfigureAwait(false);
            return cached?.ToResult();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogStateStoreFailure(logger, exception, number.Key);
            return null;
        }
    }

    public async Task SaveAsync(RegistrationNumber number, RegistryCheckResult.Registered result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(number);
        ArgumentNullException.ThrowIfNull(result);
        if (result.Evidence.SyntaxOnly)
        {
            // Nothing was asked, so there is no call to save; the evidence date stays "now".
            return;
        }
        try
        {
            await state
                .SaveAsync(Key(number), CachedRegistration.From(result), options.Value.VerifiedResultTimeToLive, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogStateStoreFailure(logger, exception, number.Key);
        }
    }

    /// <summary>The state key of a number (no <c>||</c>: the syntax rules admit no '|').</summary>
    public static string Key(RegistrationNumber number)
    {
        ArgumentNullException.ThrowIfNull(number);
        return "registration-number:" + number.Type.Slug() + ":" + number.Value;
    }

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "State store unavailable for the registration cache ({Number}); asking the registry"
    )]
    private static partial void LogStateStoreFailure(ILogger logger, Exception exception, string number);

    internal sealed record CachedRegistration(
        string EvidenceUrl,
        DateTimeOffset ExecutionDate,
        string? LegalName,
        string? CountryCode,
        string? SubdivisionCode
    )
    {
        public static CachedRegistration From(RegistryCheckResult.Registered result) =>
            new(
                result.Evidence.Url.AbsoluteUri,
                result.Evidence.ExecutionDate,
                result.LegalName,
                result.CountryCode,
                result.SubdivisionCode
            );

        public RegistryCheckResult.Registered ToResult() =>
            new(new RegistryEvidence(new Uri(EvidenceUrl), ExecutionDate), LegalName, CountryCode, SubdivisionCode);
    }
}
