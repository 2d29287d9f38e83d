using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Credentials.Jose;
using GaiaX.Oid4vc.Credentials.Keys;

namespace GaiaX.Oid4vc.Issuer.Signing;

/// <summary>The service identity (did:web, key, X.509 chain) from the credential core.</summary>
public sealed class ServiceIdentitySigningKey(ServiceIdentity identity) : IIssuerSigningKey
{
    public string IssuerDid => identity.Did;

    public string KeyId => identity.KeyId;

    public string Algorithm => identity.SigningKey.Algorithm;

    public SigningKey Key => identity.SigningKey;

    public string Sign(JsonObject header, ReadOnlySpan<byte> payloadUtf8)
    {
        ArgumentNullException.ThrowIfNull(header);
        return Jws.Create((JsonObject)header.DeepClone(), payloadUtf8, identity.SigningKey);
    }
}
