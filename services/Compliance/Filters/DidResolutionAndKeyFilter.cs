using GaiaX.Oid4vc.Compliance.Verification;

namespace GaiaX.Oid4vc.Compliance.Filters;

/// <summary>
/// Resolves the DID of each JWS's <c>kid</c> and picks the verification method by exact id; the
/// method must carry a <c>publicKeyJwk</c> whose <c>alg</c> is the JWS's <c>alg</c> and a certificate
/// chain (<c>x5c</c> or <c>x5u</c>). Each distinct kid is resolved once, all of them concurrently.
/// </summary>
public sealed class DidResolutionAndKeyFilter(IVerificationMethodResolver resolver) : IComplianceFilter
{
    public string Name => "DidResolutionAndKey";

    public string Criterion => "The kid resolves through the issuer's did:web document to a JWK with alg and a certificate chain";

    public ComplianceScope Scope => ComplianceScope.Both;

    public async ValueTask<FilterVerdict> ApplyAsync(ComplianceContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var items = context.SignedItems.Where(i => i.CanVerifyCryptographically && i.KeyId is not null).ToList();
        var lookups = items
            .Select(i => i.KeyId!)
            .Distinct(StringComparer.Ordinal)
            .ToDictionary(kid => kid, kid => ResolveAsync(kid, cancellationToken), StringComparer.Ordinal);
        await Task.WhenAll(lookups.Values).ConfigureAwait(false);

        foreach (var item in items)
        {
            var (method, error) = await lookups[item.KeyId!].ConfigureAwait(false);
            if (method is null)
            {
                context.BlockCryptography(this, item, error!);
            }
            else if (method.Algorithm != item.Algorithm)
            {
                context.BlockCryptography(
                    this,
                    item,
                    $"The JWS is signed with '{item.Algorithm}' but the key '{method.KeyId}' is declared for '{method.Algorithm}'."
                );
            }
            else
            {
                item.VerificationMethod = method;
            }
        }
        return FilterVerdict.Continue;
    }

    private async Task<(ResolvedVerificationMethod? Method, string? Error)> ResolveAsync(string kid, CancellationToken cancellationToken)
    {
        try
        {
            return (await resolver.ResolveAsync(kid, cancellationToken).ConfigureAwait(false), null);
        }
        catch (VerificationMethodResolutionException e)
        {
            return (null, e.Message);
        }
    }
}
