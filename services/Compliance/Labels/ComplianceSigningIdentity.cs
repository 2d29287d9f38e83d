using System.Security.Cryptography;

namespace GaiaX.Oid4vc.Compliance.Labels;

/// <summary>The identity that signs label credentials: its DID, the kid of its key, and the key.</summary>
public interface IComplianceSigningIdentity
{
    string Did { get; }

    string KeyId { get; }

    string Algorithm { get; }

    /// <summary>Signs the JWS signing input and returns the JWS signature bytes.</summary>
    byte[] Sign(ReadOnlySpan<byte> signingInput);
}

/// <summary>An ES256 identity held in memory (tests and development before a key provider is wired).</summary>
public sealed class InMemoryComplianceSigningIdentity : IComplianceSigningIdentity, IDisposable
{
    private readonly ECDsa _key;

    public InMemoryComplianceSigningIdentity(string did, ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        Did = did;
        KeyId = did + "#key-1";
        _key = key;
    }

    public string Did { get; }

    public string KeyId { get; }

    public string Algorithm => "ES256";

    public ECDsa Key => _key;

    public byte[] Sign(ReadOnlySpan<byte> signingInput) => _key.SignData(signingInput, HashAlgorithmName.SHA256);

    public void Dispose() => _key.Dispose();
}
