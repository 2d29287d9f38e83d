using GaiaX.Oid4vc.Compliance.Verification;

namespace GaiaX.Oid4vc.Compliance.Filters;

/// <summary>
/// Checks each JWS header: an allowed asymmetric <c>alg</c>, the media type in <c>typ</c>, no
/// <c>crit</c> extension, <c>iss</c> naming the issuer's DID and <c>kid</c> a DID URL of that DID;
/// the payload's issuer (holder, for the presentation) is the same DID.
/// </summary>
public sealed class JwtHeadersFilter(IJwsSignatureVerifier signatures) : IComplianceFilter
{
    private static readonly string[] CredentialTypes = ["vc+jwt", "vc+ld+jwt", "vc+ld+json+jwt"];
    private static readonly string[] PresentationTypes = ["vp+jwt", "vp+ld+jwt", "vp+ld+json+jwt"];

    public string Name => "JwtHeaders";

    public string Criterion => "Each JWS names its algorithm, media type, issuer (iss) and key (kid) as VC-JOSE-COSE requires";

    public ComplianceScope Scope => ComplianceScope.Both;

    public ValueTask<FilterVerdict> ApplyAsync(ComplianceContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var item in context.SignedItems)
        {
            Check(context, item);
        }
        return ValueTask.FromResult(FilterVerdict.Continue);
    }

    private void Check(ComplianceContext context, AssessedJwt item)
    {
        var isPresentation = item is not AssessedCredential;
        var what = isPresentation ? "presentation" : "credential";

        var alg = item.Algorithm;
        if (alg is null)
        {
            context.BlockCryptography(this, item, $"The {what}'s JWS header has no 'alg'.");
        }
        else if (!signatures.IsAllowedAlgorithm(alg))
        {
            context.BlockCryptography(
                this,
                item,
                $"The {what} is signed with '{alg}', which is not accepted (accepted: ES256, ES384, PS256, RS256)."
            );
        }

        var allowedTypes = isPresentation ? PresentationTypes : CredentialTypes;
        if (item.Type is not { } typ || !allowedTypes.Contains(typ, StringComparer.OrdinalIgnoreCase))
        {
            context.AddFailure(this, item, $"The {what}'s JWS header 'typ' is '{item.Type ?? "(missing)"}'; expected '{allowedTypes[0]}'.");
        }

        if (item.Header.TryGetProperty("crit", out _))
        {
            context.BlockCryptography(this, item, $"The {what}'s JWS header lists 'crit' extensions, which are not understood.");
        }

        var iss = item.IssuerHeader;
        if (iss is null || !iss.StartsWith("did:", StringComparison.Ordinal))
        {
            context.BlockCryptography(this, item, $"The {what}'s JWS header 'iss' is {(iss is null ? "missing" : $"'{iss}', not a DID")}.");
        }

        var kid = item.KeyId;
        if (kid is null)
        {
            context.BlockCryptography(this, item, $"The {what}'s JWS header has no 'kid'.");
        }
        else
        {
            var hash = kid.IndexOf('#', StringComparison.Ordinal);
            if (hash <= 0 || !kid.StartsWith("did:", StringComparison.Ordinal))
            {
                context.BlockCryptography(this, item, $"The {what}'s JWS header 'kid' '{kid}' is not a DID URL with a fragment.");
            }
            else if (iss is not null && kid[..hash] != iss)
            {
                context.BlockCryptography(this, item, $"The {what}'s 'kid' '{kid}' belongs to another DID than its 'iss' '{iss}'.");
            }
        }

        if (iss is null)
        {
            return;
        }
        if (item is AssessedCredential credential)
        {
            if (credential.Issuer is { } issuer && issuer != iss)
            {
                context.AddFailure(this, item, $"The credential's issuer '{issuer}' differs from its JWS header 'iss' '{iss}'.");
            }
        }
        else if (item.Payload.TryGetProperty("holder", out var holder) && CredentialJson.Id(holder) is { } holderId && holderId != iss)
        {
            context.AddFailure(this, item, $"The presentation's holder '{holderId}' differs from its JWS header 'iss' '{iss}'.");
        }
    }
}
