using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace GaiaX.Oid4vc.Credentials.Keys;

/// <summary>
/// The development CA: an ECDSA P-256 root kept in a folder shared by the DevHost services
/// (<c>ca.crt</c>, <c>ca.key</c>), created on first use. Never for production.
/// </summary>
public static class DevelopmentCertificateAuthority
{
    public const string CertificateFile = "ca.crt";
    public const string KeyFile = "ca.key";

    /// <summary>Loads the CA from <paramref name="folder"/>, creating it first if absent.</summary>
    public static X509Certificate2 LoadOrCreate(string folder, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        Directory.CreateDirectory(folder);
        var certificatePath = Path.Combine(folder, CertificateFile);
        var keyPath = Path.Combine(folder, KeyFile);
        using var folderLock = FolderLock.Acquire(folder);
        if (File.Exists(certificatePath) && File.Exists(keyPath))
        {
            var existing = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
            if (existing.NotAfter.ToUniversalTime() > time.GetUtcNow().UtcDateTime.AddDays(30))
            {
                return existing;
            }
            existing.Dispose();
        }
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=GaiaX.Oid4vc Development CA, O=GaiaX.Oid4vc DevHost", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 1, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = time.GetUtcNow();
        using var created = request.CreateSelfSigned(now.AddHours(-1), now.AddYears(10));
        SecretFile.Write(keyPath, key.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(certificatePath, created.ExportCertificatePem());
        return X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
    }
}

/// <summary>A cross-process lock on a folder (a lock file opened exclusively), so parallel starts do not race.</summary>
internal sealed class FolderLock : IDisposable
{
    private readonly FileStream _stream;

    private FolderLock(FileStream stream) => _stream = stream;

    public static FolderLock Acquire(string folder)
    {
        var path = Path.Combine(folder, ".lock");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                return new FolderLock(
                    new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None)
                );
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(20);
            }
        }
    }

    public void Dispose() => _stream.Dispose();
}
