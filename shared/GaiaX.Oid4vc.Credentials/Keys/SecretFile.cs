using System.Security.Cryptography;

namespace GaiaX.Oid4vc.Credentials.Keys;

/// <summary>
/// Files only their owner may read (0600 where the platform has Unix modes): private keys, tokens and the
/// wallet's credentials. The mode is set when the file is created, not tightened after the write, so no
/// other user can open it in between; a file left readable by an older version is tightened.
/// </summary>
public static class SecretFile
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// Writes <paramref name="content"/> readable by the owner only. With <paramref name="overwrite"/> false an
    /// existing file is never replaced (<see cref="IOException"/>).
    /// </summary>
    public static void Write(string path, string content, bool overwrite = true)
    {
        ArgumentNullException.ThrowIfNull(path);
        var options = new FileStreamOptions { Mode = overwrite ? FileMode.Create : FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }
        using (var stream = new FileStream(path, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(content);
        }
        Tighten(path);
    }

    /// <summary>
    /// The P-256 key kept in <paramref name="path"/> (PKCS#8 PEM), created there on first use; a key file
    /// readable by others is tightened to the owner, not replaced.
    /// </summary>
    public static ECDsa LoadOrCreateP256Key(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        if (File.Exists(path))
        {
            key.ImportFromPem(File.ReadAllText(path));
            Tighten(path);
        }
        else
        {
            Write(path, key.ExportPkcs8PrivateKeyPem(), overwrite: false);
        }
        return key;
    }

    private static void Tighten(string path)
    {
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & ~OwnerOnly) != 0)
        {
            File.SetUnixFileMode(path, OwnerOnly);
        }
    }
}
