using GaiaX.Oid4vc.Notary.RegistrationNumbers;
using GaiaX.Oid4vc.Notary.Registries;

namespace GaiaX.Oid4vc.Notary.Verification;

/// <summary>Keeps nothing: every request asks the registry. Used until the state store is wired.</summary>
internal sealed class NoVerifiedRegistrationCache : IVerifiedRegistrationCache
{
    public Task<RegistryCheckResult.Registered?> GetAsync(RegistrationNumber number, CancellationToken cancellationToken) =>
        Task.FromResult<RegistryCheckResult.Registered?>(null);

    public Task SaveAsync(RegistrationNumber number, RegistryCheckResult.Registered result, CancellationToken cancellationToken) => Task.CompletedTask;
}
