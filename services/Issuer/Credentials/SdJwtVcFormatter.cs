using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Credentials;
using GaiaX.Oid4vc.Credentials.SdJwt;
using GaiaX.Oid4vc.Credentials.Status;
using GaiaX.Oid4vc.Issuer.Signing;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Issuer.Credentials;

/// <summary>
/// <c>dc+sd-jwt</c> (IETF SD-JWT VC) through the credential core's <see cref="SdJwtIssuer"/>:
/// every top-level claim selectively disclosable, <c>vct</c> (and <c>vct#integrity</c> when the type metadata is served
/// here), <c>iss</c>, <c>cnf.jwk</c>, and
/// <c>iat</c>/<c>exp</c> from the credential's own issuance time (<see cref="CredentialIssuanceTimes"/>).
/// </summary>
public sealed class SdJwtVcFormatter(
    IIssuerSigningKey key,
    SdJwtIssuer issuer,
    CredentialIssuanceTimes times,
    Metadata.TypeMetadataDocuments types,
    IOptions<IssuerOptions> options
) : ICredentialFormatter
{
    public string Format => CredentialFormats.SdJwtVc;

    public string Issue(CredentialIssueContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var claims = context.Claims.ValueKind == JsonValueKind.Object ? JsonNode.Parse(context.Claims.GetRawText())!.AsObject() : [];
        var disclosable = claims
            .Select(claim => "/" + claim.Key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal))
            .ToArray();
        if (context.SubjectId is not null)
        {
            claims["sub"] = context.SubjectId;
        }
        if (types.Integrity(context.ConfigurationId) is { } integrity)
        {
            // SD-JWT VC section 7: the type metadata the vct names is the document with this hash.
            claims["vct#integrity"] = integrity;
        }
        if (context.Status is { } status)
        {
            // Never selectively disclosable: a verifier must always be able to check it.
            claims["status"] = StatusListCredentials.TokenStatusClaim(status.TokenListUrl, status.Index);
        }
        return issuer.Issue(
            new SdJwtIssueRequest
            {
                Claims = claims,
                Vct = context.Configuration.Vct!,
                Issuer = key.IssuerDid,
                Disclosable = disclosable,
                HolderKey = context.Holder.Jwk,
                Lifetime = TimeSpan.FromDays(options.Value.CredentialValidityDays),
                IssuedAt = times.Next(),
                // HAIP: the chain in the header; a signing key without a certificate keeps the DID kid.
                UseX5c = options.Value.SignCredentialsWithX5c && key.Key.X5c.Count > 0,
            },
            key.Key
        );
    }
}
