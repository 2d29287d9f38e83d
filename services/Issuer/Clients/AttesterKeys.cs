using System.Security.Cryptography.X509Certificates;
using GaiaX.Oid4vc.Credentials.DidWeb;
using GaiaX.Oid4vc.Credentials.Jose;
using GaiaX.Oid4vc.Credentials.X509;

namespace GaiaX.Oid4vc.Issuer.Clients;

/// <summary>
/// How a wallet provider's attestations (client or key attestations) are verified: by its JWKS (a key by <c>kid</c>) and
/// by an <c>x5c</c> chain to its trust anchors, whichever it is configured with.
/// </summary>
public static class AttesterKeys
{
    /// <summary>The resolvers of <paramref name="attester"/>; the anchor certificates it loads go to <paramref name="owned"/>.</summary>
    public static List<IJwsKeyResolver> Resolvers(ClientAttesterOptions attester, TimeProvider time, List<X509Certificate2> owned)
    {
        ArgumentNullException.ThrowIfNull(attester);
        ArgumentNullException.ThrowIfNull(owned);
        var resolvers = new List<IJwsKeyResolver>();
        if (attester.Jwks.Length > 0 && JwksKeyResolver.TryParse(attester.Jwks, out var keys, out _))
        {
            resolvers.Add(keys!);
        }
        if (attester.TrustAnchorCertificates.Count > 0)
        {
            var anchors = attester.TrustAnchorCertificates.Select(pem => X509Certificate2.CreateFromPem(pem)).ToList();
            owned.AddRange(anchors);
            resolvers.Add(new X5cKeyResolver(new CertificateChainValidator(new TrustAnchors(anchors), time)));
        }
        return resolvers;
    }
}
