using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using GaiaX.Oid4vc.Credentials.Keys;
using GaiaX.Oid4vc.Credentials.X509;
using Microsoft.Extensions.Time.Testing;

namespace GaiaX.Oid4vc.Credentials.Tests;

public sealed class ServiceIdentityTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "gaiax-identity-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private ServiceIdentity Development(string app, string baseUrl = "http://127.0.0.1:5101") => ServiceIdentity.Load(
        new IdentityOptions { DataPath = Path.Combine(_root, app), DevelopmentCaPath = Path.Combine(_root, "dev-ca") },
        new Uri(baseUrl), app, _root, _time);

    [Fact]
    public void Development_identity_is_generated_on_first_start_and_reused_after()
    {
        using var first = Development("issuer");
        using var second = Development("issuer");
        Assert.Equal(first.KeyId, second.KeyId);
        Assert.Equal(first.CertificateChain[0].Thumbprint, second.CertificateChain[0].Thumbprint);
        Assert.Equal("did:web:127.0.0.1%3A5101", first.Did);
        Assert.StartsWith(first.Did + "#", first.KeyId, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_root, "issuer", "tls.key")));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_root, "issuer", "tls.key")));
        }
    }

    [Fact]
    public void Development_identities_of_all_services_chain_to_the_same_development_ca()
    {
        using var issuer = Development("issuer");
        using var notary = Development("notary", "http://127.0.0.1:5103");
        Assert.NotEqual(issuer.KeyId, notary.KeyId);
        using var ca = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(_root, "dev-ca", "ca.crt")));
        var validator = new CertificateChainValidator(new TrustAnchors([ca]), _time);
        Assert.True(validator.Validate(issuer.CertificateChain).Succeeded);
        Assert.True(validator.Validate(notary.CertificateChain).Succeeded);
    }

    [Fact]
    public void Development_identity_is_renewed_when_the_development_ca_changed()
    {
        using var first = Development("verifier");
        Directory.Delete(Path.Combine(_root, "dev-ca"), recursive: true);
        using var second = Development("verifier");
        Assert.NotEqual(first.KeyId, second.KeyId);
    }

    [Fact]
    public void Files_identity_reads_the_pem_key_and_certificate_chain()
    {
        using var dev = Development("compliance");
        var folder = Path.Combine(_root, "secret");
        Directory.CreateDirectory(folder);
        File.Copy(Path.Combine(_root, "compliance", "tls.key"), Path.Combine(folder, "tls.key"));
        File.Copy(Path.Combine(_root, "compliance", "tls.crt"), Path.Combine(folder, "tls.crt"));
        using var identity = ServiceIdentity.Load(new IdentityOptions
        {
            Source = IdentitySource.Files,
            PrivateKeyPath = Path.Combine(folder, "tls.key"),
            CertificateChainPath = Path.Combine(folder, "tls.crt"),
            Did = "did:web:compliance.gaia-x.example",
        }, new Uri("https://ignored.example"), "compliance", _root, _time);
        Assert.Equal("did:web:compliance.gaia-x.example", identity.Did);
        Assert.Equal(dev.SigningKey.PublicKey.Thumbprint(), identity.SigningKey.PublicKey.Thumbprint());
        Assert.Equal(2, identity.CertificateChain.Count);
    }

    [Fact]
    public void Files_identity_whose_certificate_is_not_the_key_stops_the_service_with_a_clear_message()
    {
        using var dev = Development("issuer");
        var keyPath = Path.Combine(_root, "other.key");
        using (var other = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            File.WriteAllText(keyPath, other.ExportPkcs8PrivateKeyPem());
        }
        var failure = Assert.Throws<InvalidOperationException>(() => ServiceIdentity.Load(new IdentityOptions
        {
            Source = IdentitySource.Files,
            PrivateKeyPath = keyPath,
            CertificateChainPath = Path.Combine(_root, "issuer", "tls.crt"),
        }, new Uri("https://issuer.example"), "issuer", _root, _time));
        Assert.Contains("is not the certificate of the key", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Did_document_publishes_the_key_with_alg_and_x5c_and_no_private_member()
    {
        using var identity = Development("notary", "https://notary.example/gx");
        Assert.Equal("did:web:notary.example:gx", identity.Did);
        var method = identity.DidDocument["verificationMethod"]![0]!;
        Assert.Equal(identity.KeyId, method["id"]!.GetValue<string>());
        var jwk = method["publicKeyJwk"]!.AsObject();
        Assert.Equal("ES256", jwk["alg"]!.GetValue<string>());
        Assert.Equal(2, jwk["x5c"]!.AsArray().Count);
        Assert.False(jwk.ContainsKey("d"));
        Assert.Equal(identity.KeyId, identity.DidDocument["assertionMethod"]![0]!.GetValue<string>());
    }
}
