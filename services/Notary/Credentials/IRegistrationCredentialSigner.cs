using System.Text.Json.Nodes;

namespace GaiaX.Oid4vc.Notary.Credentials;

/// <summary>Signs registration-number credentials with the Notary's identity, as VC-JWT (<c>application/vc+jwt</c>).</summary>
public interface IRegistrationCredentialSigner
{
    /// <summary>The Notary's identifier, the credential's <c>issuer</c>.</summary>
    string Issuer { get; }

    ValueTask<string> SignAsync(JsonObject credential, CancellationToken cancellationToken);
}
