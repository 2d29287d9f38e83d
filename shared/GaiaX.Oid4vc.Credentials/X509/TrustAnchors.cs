using System.Security.Cryptography.X509Certificates;

namespace GaiaX.Oid4vc.Credentials.X509;

/// <summary>
/// The certificates a chain must end in. Only these are trusted: never the system store, never a
/// root that arrives inside a caller's chain.
/// </summary>
public sealed class TrustAnchors
{
    public TrustAnchors(IEnumerable<X509Certificate2> certificates)
    {
        ArgumentNullException.ThrowIfNull(certificates);
        Certificates = new X509Certificate2Collection(certificates.ToArray());
    }

    public X509Certificate2Collection Certificates { get; }

    /// <summary>Loads every certificate of every PEM file (a file may hold several).</summary>
    public static TrustAnchors FromPemFiles(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var certificates = new List<X509Certificate2>();
        foreach (var path in paths)
        {
            var collection = new X509Certificate2Collection();
            collection.ImportFromPemFile(path);
            certificates.AddRange(collection);
        }
        return new TrustAnchors(certificates);
    }
}
