using GaiaX.Oid4vc.Credentials.Keys;

namespace GaiaX.Oid4vc.Wallet;

/// <summary>
/// A wallet on disk, as the command-line wallet keeps it: <c>holder.pem</c> (the ES256 key),
/// <c>holder.txt</c> (the holder identifier: the <c>did:jwk</c> of that key, for reading only) and
/// <c>credentials/*.txt</c> (one credential per file). The holder identifier is always derived from
/// the key, never read back: a folder written by an older version (a jwk-thumbprint URN in
/// <c>holder.txt</c>) keeps its key and gets its <c>did:jwk</c>, because a presentation signed by a
/// holder the verifier cannot resolve is refused. The key and the credentials are the holder's
/// secrets: files 0600, folders 0700, and a <c>.gitignore</c> of <c>*</c> in the folder.
/// </summary>
public sealed class WalletFolder
{
    private const string KeyFile = "holder.pem";
    private const string HolderFile = "holder.txt";
    private const string CredentialsFolder = "credentials";
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private WalletFolder(string path, HolderKey holderKey, string? replacedHolder)
    {
        Path = path;
        HolderKey = holderKey;
        ReplacedHolder = replacedHolder;
    }

    /// <summary>The folder.</summary>
    public string Path { get; }

    /// <summary>The holder's key; its <c>kid</c> is <c>&lt;did:jwk&gt;#0</c>.</summary>
    public HolderKey HolderKey { get; }

    /// <summary>The holder identifier: the <c>did:jwk</c> of the key.</summary>
    public string Holder => HolderKey.DidJwkOf(HolderKey.PublicJwk);

    /// <summary>The identifier an older <c>holder.txt</c> named when it was not the key's <c>did:jwk</c>; it is replaced.</summary>
    public string? ReplacedHolder { get; }

    /// <summary>Opens (creating when missing) the wallet in <paramref name="path"/>.</summary>
    public static WalletFolder Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        CreatePrivateFolder(path);
        CreatePrivateFolder(System.IO.Path.Combine(path, CredentialsFolder));
        var gitignore = System.IO.Path.Combine(path, ".gitignore");
        if (!File.Exists(gitignore))
        {
            // A wallet folder inside a working copy must never be committed: it holds a private key.
            File.WriteAllText(gitignore, "*\n");
        }

        var ecdsa = SecretFile.LoadOrCreateP256Key(System.IO.Path.Combine(path, KeyFile));
        var holderKey = HolderKey.FromECDsaAsDidJwk(ecdsa);
        var did = HolderKey.DidJwkOf(holderKey.PublicJwk);

        var holderPath = System.IO.Path.Combine(path, HolderFile);
        var previous = File.Exists(holderPath) ? File.ReadAllText(holderPath).Trim() : null;
        if (previous != did)
        {
            File.WriteAllText(holderPath, did + "\n");
        }
        return new WalletFolder(path, holderKey, previous is null || previous == did ? null : previous);
    }

    /// <summary>The stored credentials, oldest first (file names start with the time they were stored).</summary>
    public IEnumerable<string> ReadCredentials() =>
        Directory
            .GetFiles(System.IO.Path.Combine(Path, CredentialsFolder), "*.txt")
            .Order(StringComparer.Ordinal)
            .Select(file => File.ReadAllText(file).Trim());

    /// <summary>Stores <paramref name="credential"/> in a new file and returns its path.</summary>
    public string SaveCredential(string credential, DateTimeOffset storedAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(credential);
        var name = System.IO.Path.Combine(Path, CredentialsFolder, $"{storedAt.UtcDateTime:yyyyMMddHHmmssfff}-{Guid.NewGuid():N}.txt");
        SecretFile.Write(name, credential, overwrite: false);
        return name;
    }

    /// <summary>A folder only its owner can list and enter (0700); an existing folder is left as it is.</summary>
    private static void CreatePrivateFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, OwnerOnly | UnixFileMode.UserExecute);
        }
    }
}
