using GaiaX.Oid4vc.Credentials.Keys;

namespace GaiaX.Oid4vc.Wallet.Participant;

/// <summary>
/// A Gaia-X participant's identity for the wallet: a did:web DID on its base URL, an ES256 key and an
/// X.509 certificate chaining to the development CA (the same CA the DevHost services trust), and the
/// DID document with the key's <c>x5c</c>. The key signs the participant's self-issued credentials
/// and its presentations.
/// </summary>
public sealed class ParticipantIdentity : IDisposable
{
    private ParticipantIdentity(ServiceIdentity identity)
    {
        Identity = identity;
        HolderKey = HolderKey.FromSigningKey(identity.SigningKey);
    }

    public ServiceIdentity Identity { get; }

    public string Did => Identity.Did;

    public string KeyId => Identity.KeyId;

    /// <summary>The same key as a wallet holder key (proofs, VP-JWTs, KB-JWTs).</summary>
    public HolderKey HolderKey { get; }

    public string DidDocumentJson => Identity.DidDocumentJson;

    /// <param name="baseUrl">Where the DID document is served (its host, port and path make the DID).</param>
    /// <param name="dataFolder">Where the participant's key and certificate are kept (reused across runs).</param>
    /// <param name="developmentCaFolder">The development CA's folder (<c>ca.crt</c>, <c>ca.key</c>), created if absent.</param>
    public static ParticipantIdentity CreateDevelopment(
        Uri baseUrl,
        string dataFolder,
        string developmentCaFolder,
        TimeProvider time,
        string name = "participant"
    )
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        var options = new IdentityOptions
        {
            Source = IdentitySource.Development,
            DataPath = Path.GetFullPath(dataFolder),
            DevelopmentCaPath = Path.GetFullPath(developmentCaFolder),
        };
        return new ParticipantIdentity(ServiceIdentity.Load(options, baseUrl, name, Directory.GetCurrentDirectory(), time));
    }

    // The holder key wraps the identity's signing key; disposing the identity releases it once.
    public void Dispose() => Identity.Dispose();
}
