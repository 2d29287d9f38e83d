using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Credentials.Jose;

namespace GaiaX.Oid4vc.Issuer.Signing;

/// <summary>
/// The key this Issuer signs with (signed metadata), and the identifiers verifiers resolve it by:
/// the issuer DID and the DID URL in <c>kid</c>.
/// </summary>
public interface IIssuerSigningKey
{
    /// <summary>The issuer's DID (<c>iss</c> of its credentials).</summary>
    string IssuerDid { get; }

    /// <summary>The DID URL of the verification method (<c>kid</c>).</summary>
    string KeyId { get; }

    /// <summary>The JWS algorithm (ES256 by default).</summary>
    string Algorithm { get; }

    /// <summary>The key as the credential core signs with it.</summary>
    SigningKey Key { get; }

    /// <summary>Signs <paramref name="payloadUtf8"/> as a compact JWS with <paramref name="header"/> plus <c>alg</c> and
    /// <c>kid</c>.</summary>
    string Sign(JsonObject header, ReadOnlySpan<byte> payloadUtf8);
}
