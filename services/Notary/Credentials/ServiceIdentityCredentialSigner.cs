using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Credentials.Keys;
using GaiaX.Oid4vc.Credentials.VcJwt;

namespace GaiaX.Oid4vc.Notary.Credentials;

/// <summary>Signs with the Notary's service identity (did:web, key and X.509 chain) through the credential core's VC-JWT issuer.</summary>
public sealed class ServiceIdentityCredentialSigner(ServiceIdentity identity, VcJwtIssuer issuer) : IRegistrationCredentialSigner
{
    public string Issuer => identity.Did;

    public ValueTask<string> SignAsync(JsonObject credential, CancellationToken cancellationToken) =>
        ValueTask.FromResult(issuer.Issue(credential, identity.SigningKey, identity.Did));
}
