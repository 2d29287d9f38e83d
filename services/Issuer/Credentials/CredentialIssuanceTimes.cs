using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Issuer.Credentials;

/// <summary>
/// The issuance time of one credential: whole seconds, drawn uniformly from the
/// <see cref="IssuerOptions.IssuanceTimeJitterSeconds"/> before now and never after it. Every
/// credential draws its own, so neither the credentials of one batch nor those of requests at the
/// same instant carry one exact <c>iat</c>/<c>exp</c> (RFC 9901 section 10.1); the window is the
/// same for every holder, so the value says no more than "issued within the last day".
/// </summary>
public sealed class CredentialIssuanceTimes(TimeProvider time, IOptions<IssuerOptions> options)
{
    public DateTimeOffset Next()
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var window = options.Value.IssuanceTimeJitterSeconds;
        return DateTimeOffset.FromUnixTimeSeconds(
            window <= 0 ? now : now - System.Security.Cryptography.RandomNumberGenerator.GetInt32(window + 1)
        );
    }
}
