using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Notary.Credentials;

/// <summary>
/// Interim signer until the credential core's key providers are wired: ES256 over the VC
/// (VC-JOSE-COSE, <c>typ</c> <c>vc+jwt</c>) with a key generated at start.
/// </summary>
internal sealed class EphemeralCredentialSigner : IRegistrationCredentialSigner, IDisposable
{
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public EphemeralCredentialSigner(IOptions<NotaryOptions> options)
    {
        var url = new Uri(options.Value.PublicBaseUrl);
        Issuer = "did:web:" + Uri.EscapeDataString(url.IsDefaultPort ? url.Host : $"{url.Host}:{url.Port}");
    }

    public string Issuer { get; }

    public ECDsa PublicKey => _key;

    public ValueTask<string> SignAsync(JsonObject credential, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credential);
        var header = new JsonObject { ["alg"] = "ES256", ["typ"] = "vc+jwt", ["cty"] = "vc", ["kid"] = Issuer + "#key-1" };
        var signingInput = Encode(header) + "." + Encode(credential);
        var signature = _key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return ValueTask.FromResult(signingInput + "." + Base64Url.EncodeToString(signature));
    }

    private static string Encode(JsonNode node) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(node.ToJsonString()));

    public void Dispose() => _key.Dispose();
}
