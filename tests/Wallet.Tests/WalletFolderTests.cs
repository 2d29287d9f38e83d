using System.Text.Json;
using GaiaX.Oid4vc.Credentials.Jose;
using GaiaX.Oid4vc.Credentials.VcJwt;
using GaiaX.Oid4vc.Wallet;
using Microsoft.Extensions.Time.Testing;

namespace Wallet.Tests;

public sealed class WalletFolderTests : IDisposable
{
    private readonly string _folder = Path.Combine(Directory.CreateTempSubdirectory("gaiax-wallet-").FullName, "wallet");
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-25T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void Holder_of_a_new_wallet_is_the_did_jwk_of_its_key_and_its_kid_is_that_did_with_fragment_0()
    {
        var wallet = WalletFolder.Open(_folder);
        using var key = wallet.HolderKey;

        Assert.True(DidJwk.TryDecode(wallet.Holder, out var jwk));
        Assert.Equal(key.Thumbprint, Jwk.Thumbprint(jwk));
        Assert.Equal(wallet.Holder + "#0", key.SigningKey.KeyId);
        Assert.Equal(wallet.Holder, File.ReadAllText(Path.Combine(_folder, "holder.txt")).Trim());
        Assert.Null(wallet.ReplacedHolder);
    }

    [Fact]
    public void Holder_txt_with_a_jwk_thumbprint_urn_is_replaced_by_the_did_jwk_of_the_same_key()
    {
        var first = WalletFolder.Open(_folder);
        var did = first.Holder;
        first.HolderKey.Dispose();
        var urn = "urn:ietf:params:oauth:jwk-thumbprint:sha-256:" + Jwk.Thumbprint(DecodedJwk(did));
        File.WriteAllText(Path.Combine(_folder, "holder.txt"), urn);

        var reopened = WalletFolder.Open(_folder);
        using var key = reopened.HolderKey;

        Assert.Equal(did, reopened.Holder);
        Assert.Equal(urn, reopened.ReplacedHolder);
        Assert.Equal(did, File.ReadAllText(Path.Combine(_folder, "holder.txt")).Trim());
    }

    [Fact]
    public void Vp_jwt_of_a_did_jwk_holder_names_the_did_as_holder_and_its_key_as_kid()
    {
        var wallet = WalletFolder.Open(_folder);
        using var key = wallet.HolderKey;

        var vp = new VpJwtIssuer(_time).Issue(["a.b.c"], key.SigningKey, wallet.Holder, "n-1", "x509_san_dns:verifier.example");

        var parts = vp.Split('.');
        using var header = JsonDocument.Parse(Convert.FromBase64String(Pad(parts[0])));
        using var payload = JsonDocument.Parse(Convert.FromBase64String(Pad(parts[1])));
        Assert.Equal(wallet.Holder + "#0", header.RootElement.GetProperty("kid").GetString());
        Assert.Equal(wallet.Holder, payload.RootElement.GetProperty("iss").GetString());
        Assert.Equal(wallet.Holder, payload.RootElement.GetProperty("holder").GetString());
    }

    [Fact]
    public void Key_and_credential_files_are_created_0600_in_folders_0700()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Windows has no Unix file modes; the folder's ACL is the user's profile's.
        }
        var wallet = WalletFolder.Open(_folder);
        using var key = wallet.HolderKey;
        var credential = wallet.SaveCredential("a.b.c", _time.GetUtcNow());

        const UnixFileMode ownerFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        const UnixFileMode ownerFolder = ownerFile | UnixFileMode.UserExecute;
        Assert.Equal(ownerFile, File.GetUnixFileMode(Path.Combine(_folder, "holder.pem")));
        Assert.Equal(ownerFile, File.GetUnixFileMode(credential));
        Assert.Equal(ownerFolder, File.GetUnixFileMode(_folder));
        Assert.Equal(ownerFolder, File.GetUnixFileMode(Path.Combine(_folder, "credentials")));
        Assert.Equal(["a.b.c"], wallet.ReadCredentials());
    }

    [Fact]
    public void Holder_pem_readable_by_others_from_an_older_version_is_tightened_to_0600()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Windows has no Unix file modes; the folder's ACL is the user's profile's.
        }
        WalletFolder.Open(_folder).HolderKey.Dispose();
        var keyPath = Path.Combine(_folder, "holder.pem");
        File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        WalletFolder.Open(_folder).HolderKey.Dispose();

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyPath));
    }

    [Fact]
    public void New_wallet_folder_gets_a_gitignore_that_ignores_everything()
    {
        WalletFolder.Open(_folder).HolderKey.Dispose();

        Assert.Equal("*\n", File.ReadAllText(Path.Combine(_folder, ".gitignore")));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path.GetDirectoryName(_folder)!, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    private static System.Text.Json.Nodes.JsonObject DecodedJwk(string did) =>
        DidJwk.TryDecode(did, out var jwk) ? jwk : throw new InvalidOperationException("not a did:jwk");

    private static string Pad(string base64Url)
    {
        var s = base64Url.Replace('-', '+').Replace('_', '/');
        return s + new string('=', (4 - s.Length % 4) % 4);
    }
}
