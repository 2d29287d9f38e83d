using GaiaX.Oid4vc.Compliance.Registry;
using GaiaX.Oid4vc.Compliance.Verification;

namespace GaiaX.Oid4vc.Compliance.Filters;

/// <summary>
/// The key must be the leaf certificate's key, and the registry must find the chain's way to a Gaia-X
/// trust anchor. Each distinct key is asked about once; a registry that cannot answer aborts the
/// assessment (<see cref="GaiaXRegistryUnavailableException"/>) instead of calling the chain untrusted.
/// </summary>
public sealed class CertificateChainToTrustAnchorFilter(IGaiaXRegistry registry) : IComplianceFilter
{
    public string Name => "CertificateChainToTrustAnchor";

    public string Criterion => "The signing key's certificate chain ends at a trust anchor of the Gaia-X registry";

    public ComplianceScope Scope => ComplianceScope.Both;

    public async ValueTask<FilterVerdict> ApplyAsync(ComplianceContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var items = context.SignedItems.Where(i => i.VerificationMethod is not null).ToList();
        var verdicts = items
            .Select(i => i.VerificationMethod!)
            .DistinctBy(m => m.KeyId, StringComparer.Ordinal)
            .ToDictionary(m => m.KeyId, m => JudgeAsync(m, cancellationToken), StringComparer.Ordinal);
        await Task.WhenAll(verdicts.Values).ConfigureAwait(false);

        foreach (var item in items)
        {
            var verdict = await verdicts[item.VerificationMethod!.KeyId].ConfigureAwait(false);
            if (!verdict.Trusted)
            {
                context.AddFailure(this, item, verdict.Reason ?? "The certificate chain does not end at a trust anchor.");
            }
        }
        return FilterVerdict.Continue;
    }

    private async Task<TrustAnchorVerdict> JudgeAsync(ResolvedVerificationMethod method, CancellationToken cancellationToken)
    {
        var leaf = method.CertificateChain[0];
        if (!method.KeyMatchesLeafCertificate)
        {
            return TrustAnchorVerdict.No(
                $"The publicKeyJwk of '{method.KeyId}' is not the public key of its leaf certificate '{leaf.Subject}'."
            );
        }
        return await registry
            .VerifyCertificateChainAsync(
                new CertificateChainReference(method.CertificateChain, method.CertificateChainUrl),
                cancellationToken
            )
            .ConfigureAwait(false);
    }
}
