using GaiaX.Oid4vc.Credentials.RegistrationNumbers;
using GaiaX.Oid4vc.Notary.Registries;

namespace GaiaX.Oid4vc.Notary.Verification;

/// <summary>
/// Registry confirmations kept for a while (<see cref="NotaryOptions.VerifiedResultTimeToLive"/>),
/// so asking for the same number again does not call the registry. Only confirmations are kept:
/// a "not registered" may change tomorrow, and an outage must be asked again.
/// </summary>
public interface IVerifiedRegistrationCache
{
    Task<RegistryCheckResult.Registered?> GetAsync(RegistrationNumber number, CancellationToken cancellationToken);

    Task SaveAsync(RegistrationNumber number, RegistryCheckResult.Registered result, CancellationToken cancellationToken);
}
