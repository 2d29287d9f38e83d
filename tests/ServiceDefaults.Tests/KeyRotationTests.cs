using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Credentials.Jose;
using GaiaX.Oid4vc.Credentials.Keys;
using GaiaX.Oid4vc.Testing;

namespace GaiaX.Oid4vc.ServiceDefaults.Tests;

/// <summary>
/// Rotating a service key without downtime, over HTTP: the next key's certificate is mounted and published
/// in the DID document before it signs; after the swap the previous one stays published, so what it signed
/// still verifies through the DID document while the new key signs.
/// </summary>
public sealed class KeyRotationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("gaiax-rotation-").FullName;

    /// <summary>Two keys with certificates from one CA, written as the tls.key / tls.crt of two TLS secrets.</summary>
    private (string First, string Second) TwoSecrets()
    {
        foreach (var name in new[] { "first", "second" })
        {
            using var _ = ServiceIdentity.Load(
                new IdentityOptions { DataPath = Path.Combine(_folder, name), DevelopmentCaPath = Path.Combine(_folder, "ca") },
                new Uri("https://issuer.example"),
                "issuer",
                _folder,
                TimeProvider.System
            );
        }
        return (Path.Combine(_folder, "first"), Path.Combine(_folder, "second"));
    }

    private static string[] FilesIdentity(string signing, string published) =>
        [
            "--Identity:Source=Files",
            // One DID across the restart, as in production (the test's port changes).
            "--Identity:Did=did:web:issuer.example",
            $"--Identity:PrivateKeyPath={Path.Combine(signing, "tls.key")}",
            $"--Identity:CertificateChainPath={Path.Combine(signing, "tls.crt")}",
            $"--Identity:PublishedCertificateChainPaths:0={Path.Combine(published, "tls.crt")}",
        ];

    /// <summary>The DID document and the Issuer's signed metadata (a JWT signed by its current key).</summary>
    private static async Task<(JsonNode DidDocument, string SignedMetadata)> ReadAsync(TestServiceHost issuer)
    {
        var didDocument = JsonNode.Parse(await issuer.Client.GetStringAsync("/.well-known/did.json"))!;
        using var request = new HttpRequestMessage(HttpMethod.Get, "/.well-known/openid-credential-issuer");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/jwt"));
        using var response = await issuer.Client.SendAsync(request);
        return (didDocument, await response.Content.ReadAsStringAsync());
    }

    private static bool VerifiesWithPublishedKey(JsonNode didDocument, string jwt)
    {
        var kid = (string)Jose.DecodePart(jwt, 0)["kid"]!;
        var method = didDocument["verificationMethod"]!.AsArray().Single(m => (string)m!["id"]! == kid)!;
        using var key = VerificationKey.FromJwk(method["publicKeyJwk"]!.AsObject()).Value!;
        var last = jwt.LastIndexOf('.');
        return key.Verify("ES256", System.Text.Encoding.ASCII.GetBytes(jwt[..last]), System.Buffers.Text.Base64Url.DecodeFromChars(jwt.AsSpan(last + 1)));
    }

    private static List<string> Ids(JsonNode didDocument, string relationship) =>
        didDocument[relationship]!.AsArray().Select(id => (string)id!).ToList();

    [Fact]
    public async Task Next_key_is_published_before_it_signs_and_the_previous_one_after_the_swap()
    {
        var (first, second) = TwoSecrets();

        JsonNode before;
        string signedBefore;
        await using (var issuer = await ServiceCatalog.StartAsync("Issuer", FilesIdentity(signing: first, published: second)))
        {
            (before, signedBefore) = await ReadAsync(issuer);
        }
        await using var rotated = await ServiceCatalog.StartAsync("Issuer", FilesIdentity(signing: second, published: first));
        var (after, signedAfter) = await ReadAsync(rotated);

        var firstKid = (string)Jose.DecodePart(signedBefore, 0)["kid"]!;
        var secondKid = (string)Jose.DecodePart(signedAfter, 0)["kid"]!;
        Assert.NotEqual(firstKid, secondKid);
        Assert.Equal([firstKid, secondKid], Ids(before, "assertionMethod"));
        Assert.Equal([secondKid, firstKid], Ids(after, "assertionMethod"));
        Assert.True(VerifiesWithPublishedKey(after, signedBefore), "what the previous key signed still verifies after the swap");
        Assert.True(VerifiesWithPublishedKey(before, signedAfter), "verifiers that cached the document before the swap verify the new key");
    }

    [Fact]
    public async Task Published_chain_that_is_not_there_stops_the_start_naming_the_setting()
    {
        var (first, _) = TwoSecrets();

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            ServiceCatalog.StartAsync("Issuer", FilesIdentity(signing: first, published: Path.Combine(_folder, "missing"))));

        Assert.StartsWith("Setting 'Identity:PublishedCertificateChainPaths': ", failure.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
