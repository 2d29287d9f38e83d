using GaiaX.Oid4vc.Credentials.RegistrationNumbers;
using GaiaX.Oid4vc.Notary.Registries;

namespace GaiaX.Oid4vc.Notary.Verification;

/// <summary>
/// Syntax first (no registry call for a malformed number), then the cache, then the authoritative
/// registry of the type. Only a confirmation is cached.
/// </summary>
public sealed partial class RegistrationNumberVerifier(
    ViesClient vies,
    EoriClient eori,
    GleifClient gleif,
    ConfiguredRegistryClient configured,
    IVerifiedRegistrationCache cache,
    ILogger<RegistrationNumberVerifier> logger,
    NotaryMetrics? metrics = null
)
{
    /// <param name="fresh">Ask the registry even when a confirmation is cached (a re-check).</param>
    public async Task<VerificationOutcome> VerifyAsync(
        RegistrationNumberType type,
        string? value,
        CancellationToken cancellationToken,
        bool fresh = false
    )
    {
        var syntax = RegistrationNumberSyntax.Check(type, value);
        if (syntax.Number is not { } number)
        {
            return new VerificationOutcome(null, new RegistryCheckResult.InvalidInput(syntax.Error!));
        }

        if (!fresh && await cache.GetAsync(number, cancellationToken).ConfigureAwait(false) is { } cached)
        {
            return new VerificationOutcome(number, cached, FromCache: true);
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var result = type switch
        {
            RegistrationNumberType.VatId => await vies.CheckVatAsync(number, cancellationToken).ConfigureAwait(false),
            RegistrationNumberType.Eori => await eori.ValidateAsync(number, cancellationToken).ConfigureAwait(false),
            RegistrationNumberType.LeiCode => await gleif.GetLeiRecordAsync(number, cancellationToken).ConfigureAwait(false),
            _ => await configured.CheckAsync(number, cancellationToken).ConfigureAwait(false),
        };
        metrics?.RegistryCalled(type, result, System.Diagnostics.Stopwatch.GetElapsedTime(started));

        switch (result)
        {
            case RegistryCheckResult.Registered registered:
                await cache.SaveAsync(number, registered, cancellationToken).ConfigureAwait(false);
                break;
            case RegistryCheckResult.Unavailable unavailable:
                LogUnavailable(logger, number.Key, unavailable.Reason);
                break;
            case RegistryCheckResult.BadGateway bad:
                LogBadGateway(logger, number.Key, bad.Reason);
                break;
        }
        return new VerificationOutcome(number, result);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Registry unavailable for {Number}: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string number, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Registry answered malformed for {Number}: {Reason}")]
    private static partial void LogBadGateway(ILogger logger, string number, string reason);
}
