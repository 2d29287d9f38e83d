using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Credentials.DidWeb;
using GaiaX.Oid4vc.Credentials.Jose;

namespace GaiaX.Oid4vc.Credentials.Keys;

/// <summary>
/// This service's identity: its did:web DID, its signing key (with <c>kid</c> = a DID URL of the
/// DID and the certificate chain), and the DID document it publishes.
/// </summary>
public sealed class ServiceIdentity : IDisposable
{
    private readonly IReadOnlyList<VerificationMethod> _published;

    /// <param name="did">The service DID.</param>
    /// <param name="signingKey">The key everything is signed with.</param>
    /// <param name="publishedChains">
    /// Certificate chains (leaf first) of keys the DID document publishes without signing with them (the next
    /// and the previous key of a rotation).
    /// </param>
    public ServiceIdentity(string did, SigningKey signingKey, IEnumerable<IReadOnlyList<X509Certificate2>>? publishedChains = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(did);
        ArgumentNullException.ThrowIfNull(signingKey);
        Did = did;
        SigningKey = signingKey;
        _published = (publishedChains ?? []).Select(chain => VerificationMethod.Of(did, chain)).ToList();
        DidDocument = BuildDidDocument();
        DidDocumentJson = DidDocument.ToJsonString();
    }

    /// <summary>The key ids the DID document publishes besides <see cref="KeyId"/>, in the order configured.</summary>
    public IReadOnlyList<string> PublishedKeyIds => _published.Select(method => method.Id).ToList();

    public string Did { get; }

    /// <summary>The verification method id (a DID URL) and the <c>kid</c> of everything this service signs.</summary>
    public string KeyId => SigningKey.KeyId!;

    public SigningKey SigningKey { get; }

    /// <summary>Leaf first, up to (and including) the CA that issued it.</summary>
    public IReadOnlyList<X509Certificate2> CertificateChain => SigningKey.CertificateChain;

    public JsonObject DidDocument { get; }

    /// <summary>The serialized DID document, as served at <c>/.well-known/did.json</c>.</summary>
    public string DidDocumentJson { get; }

    /// <summary>The key id used for a service key: the DID plus a fragment of the key's JWK thumbprint.</summary>
    public static string KeyIdFor(string did, ECDsa key) => did + "#" + Jwk.Thumbprint(Jwk.FromPublicKey(key));

    /// <summary>Loads the identity from configuration (see <see cref="IdentityOptions"/>).</summary>
    public static ServiceIdentity Load(
        IdentityOptions options,
        Uri publicBaseUrl,
        string applicationName,
        string contentRoot,
        TimeProvider time
    )
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(publicBaseUrl);
        var did = string.IsNullOrWhiteSpace(options.Did) ? DidWebUrl.FromBaseUrl(publicBaseUrl) : options.Did;
        return options.Source switch
        {
            IdentitySource.Files => FromFiles(did, options),
            _ => FromDevelopmentCa(did, options, publicBaseUrl, applicationName, contentRoot, time),
        };
    }

    private static ServiceIdentity FromFiles(string did, IdentityOptions options)
    {
        var keyPem = ReadSecret("Identity:PrivateKeyPath", options.PrivateKeyPath);
        if (!File.Exists(options.CertificateChainPath))
        {
            throw new InvalidOperationException(
                $"Setting 'Identity:CertificateChainPath': {options.CertificateChainPath} does not exist (the tls.crt of the "
                    + "service's kubernetes.io/tls secret, leaf first)."
            );
        }
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(keyPem);
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            key.Dispose();
            throw new InvalidOperationException(
                $"Setting 'Identity:PrivateKeyPath': {options.PrivateKeyPath} holds no EC private key in PEM ({ex.Message}).",
                ex
            );
        }
        var chain = new X509Certificate2Collection();
        chain.ImportFromPemFile(options.CertificateChainPath);
        if (chain.Count == 0)
        {
            throw new InvalidOperationException(
                $"Setting 'Identity:CertificateChainPath': {options.CertificateChainPath} holds no certificate."
            );
        }
        using var leafKey = chain[0].GetECDsaPublicKey();
        if (
            leafKey is null
            || !Jwk.Thumbprint(Jwk.FromPublicKey(leafKey)).Equals(Jwk.Thumbprint(Jwk.FromPublicKey(key)), StringComparison.Ordinal)
        )
        {
            throw new InvalidOperationException(
                $"The first certificate of {options.CertificateChainPath} is not the certificate of the key in {options.PrivateKeyPath}."
            );
        }
        var published = options.PublishedCertificateChainPaths.Select(path => PublishedChain(path, options.CertificateChainPath)).ToList();
        return new ServiceIdentity(did, new SigningKey(key, options.Algorithm, KeyIdFor(did, key), chain.ToList()), published);
    }

    private static ServiceIdentity FromDevelopmentCa(
        string did,
        IdentityOptions options,
        Uri publicBaseUrl,
        string applicationName,
        string contentRoot,
        TimeProvider time
    )
    {
        var caFolder = Path.GetFullPath(options.DevelopmentCaPath ?? Path.Combine(".devhost-data", "dev-ca"), contentRoot);
        var dataFolder = Path.GetFullPath(options.DataPath ?? Path.Combine(".devhost-data", applicationName), contentRoot);
        X509Certificate2 ca;
        try
        {
            ca = DevelopmentCertificateAuthority.LoadOrCreate(caFolder, time);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw NotWritable("Identity:DevelopmentCaPath", caFolder, ex);
        }
        using (ca)
        {
            try
            {
                return CreateOrReuseDevelopmentIdentity(did, options, publicBaseUrl, applicationName, ca, dataFolder, time);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw NotWritable("Identity:DataPath", dataFolder, ex);
            }
        }
    }

    /// <summary>
    /// A read-only root filesystem (a container) or a folder that cannot exist is said at start, naming the
    /// setting, instead of surfacing as a 500 at the first signature.
    /// </summary>
    private static InvalidOperationException NotWritable(string setting, string folder, Exception cause) =>
        new(
            $"Setting '{setting}' ({folder}): the development identity cannot be kept there ({cause.Message}). Give the service "
                + "a writable folder, or set Identity:Source=Files with the key and certificate chain of a mounted "
                + "kubernetes.io/tls secret (Identity:PrivateKeyPath, Identity:CertificateChainPath).",
            cause
        );

    private static ServiceIdentity CreateOrReuseDevelopmentIdentity(
        string did,
        IdentityOptions options,
        Uri publicBaseUrl,
        string applicationName,
        X509Certificate2 ca,
        string dataFolder,
        TimeProvider time
    )
    {
        Directory.CreateDirectory(dataFolder);
        var keyPath = Path.Combine(dataFolder, "tls.key");
        var certificatePath = Path.Combine(dataFolder, "tls.crt");
        using (FolderLock.Acquire(dataFolder))
        {
            if (File.Exists(keyPath) && File.Exists(certificatePath) && IsReusable(certificatePath, ca, time))
            {
                return FromFiles(
                    did,
                    new IdentityOptions
                    {
                        PrivateKeyPath = keyPath,
                        CertificateChainPath = certificatePath,
                        Algorithm = options.Algorithm,
                    }
                );
            }
            var curve = options.Algorithm == JwsAlgorithms.ES384 ? ECCurve.NamedCurves.nistP384 : ECCurve.NamedCurves.nistP256;
            using var key = ECDsa.Create(curve);
            var request = new CertificateRequest($"CN={applicationName}, O=GaiaX.Oid4vc DevHost", key, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
            var san = new SubjectAlternativeNameBuilder();
            if (IPAddress.TryParse(publicBaseUrl.Host.Trim('[', ']'), out var address))
            {
                san.AddIpAddress(address);
            }
            else
            {
                san.AddDnsName(publicBaseUrl.IdnHost);
            }
            san.AddUri(new Uri(publicBaseUrl.GetLeftPart(UriPartial.Authority)));
            request.CertificateExtensions.Add(san.Build());
            request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
            request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
            var now = time.GetUtcNow();
            var serial = RandomNumberGenerator.GetBytes(16);
            serial[0] &= 0x7F;
            // Within the CA's own validity: a CA made moments ago by another host (or under another test clock) must not
            // make the leaf's notBefore fall before its own.
            var notBefore = now.AddHours(-1) < ca.NotBefore ? new DateTimeOffset(ca.NotBefore) : now.AddHours(-1);
            var notAfter = now.AddYears(1) > ca.NotAfter ? new DateTimeOffset(ca.NotAfter) : now.AddYears(1);
            using var leaf = request.Create(ca, notBefore, notAfter, serial);
            SecretFile.Write(keyPath, key.ExportPkcs8PrivateKeyPem());
            File.WriteAllText(certificatePath, leaf.ExportCertificatePem() + "\n" + ca.ExportCertificatePem() + "\n");
        }
        return FromFiles(
            did,
            new IdentityOptions
            {
                PrivateKeyPath = keyPath,
                CertificateChainPath = certificatePath,
                Algorithm = options.Algorithm,
            }
        );
    }

    private static IReadOnlyList<X509Certificate2> PublishedChain(string path, string signingChainPath)
    {
        const string Setting = "Identity:PublishedCertificateChainPaths";
        var chain = new X509Certificate2Collection();
        try
        {
            chain.ImportFromPemFile(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new InvalidOperationException($"Setting '{Setting}': {path} cannot be read ({ex.Message}).", ex);
        }
        if (chain.Count == 0 || chain[0].GetECDsaPublicKey() is not { } leafKey)
        {
            throw new InvalidOperationException($"Setting '{Setting}': {path} holds no certificate with an EC key.");
        }
        leafKey.Dispose();
        if (Path.GetFullPath(path) == Path.GetFullPath(signingChainPath))
        {
            throw new InvalidOperationException($"Setting '{Setting}': {path} is the signing key's own chain.");
        }
        return chain.ToList();
    }

    private static string ReadSecret(string setting, string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException(
                $"Setting '{setting}': {path} cannot be read ({ex.Message}); mount the service's kubernetes.io/tls secret there "
                    + "or point the setting at its tls.key.",
                ex
            );
        }
    }

    private static bool IsReusable(string certificatePath, X509Certificate2 ca, TimeProvider time)
    {
        var chain = new X509Certificate2Collection();
        chain.ImportFromPemFile(certificatePath);
        var leaf = chain[0];
        // A new CA (folder deleted) or an ageing certificate means a new leaf.
        return leaf.IssuerName.RawData.AsSpan().SequenceEqual(ca.SubjectName.RawData)
            && chain.Count > 1
            && chain[1].RawDataMemory.Span.SequenceEqual(ca.RawDataMemory.Span)
            && leaf.NotAfter.ToUniversalTime() > time.GetUtcNow().UtcDateTime.AddDays(7);
    }

    private JsonObject BuildDidDocument()
    {
        var jwk = SigningKey.PublicKey.ToJwk();
        jwk.Remove("kid");
        jwk["alg"] = SigningKey.Algorithm;
        if (SigningKey.X5c.Count > 0)
        {
            jwk["x5c"] = new JsonArray(SigningKey.X5c.Select(c => (JsonNode?)JsonValue.Create(c)).ToArray());
        }
        var methods = new JsonArray(Method(KeyId, jwk));
        foreach (var published in _published.Where(p => p.Id != KeyId))
        {
            methods.Add(Method(published.Id, published.Jwk.DeepClone()));
        }
        var ids = methods.Select(m => (JsonNode?)JsonValue.Create((string)m!["id"]!)).ToArray();
        return new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/did/v1", "https://w3id.org/security/suites/jws-2020/v1"),
            ["id"] = Did,
            ["verificationMethod"] = methods,
            ["authentication"] = new JsonArray(ids.Select(id => id?.DeepClone()).ToArray()),
            ["assertionMethod"] = new JsonArray(ids),
        };

        JsonObject Method(string id, JsonNode publicKeyJwk) =>
            new()
            {
                ["id"] = id,
                ["type"] = "JsonWebKey2020",
                ["controller"] = Did,
                ["publicKeyJwk"] = publicKeyJwk,
            };
    }

    public void Dispose() => SigningKey.Dispose();

    /// <summary>A key the DID document publishes without this service signing with it.</summary>
    private sealed record VerificationMethod(string Id, JsonObject Jwk)
    {
        public static VerificationMethod Of(string did, IReadOnlyList<X509Certificate2> chain)
        {
            using var key = chain[0].GetECDsaPublicKey()
                ?? throw new ArgumentException("The leaf certificate has no EC key.", nameof(chain));
            var curve = Jose.Jwk.CurveName(key.ExportParameters(false).Curve);
            var algorithm = curve == JwsAlgorithms.CurveOf(JwsAlgorithms.ES384) ? JwsAlgorithms.ES384 : JwsAlgorithms.ES256;
            var jwk = Jose.Jwk.FromPublicKey(key);
            jwk.Remove("kid");
            jwk["alg"] = algorithm;
            jwk["x5c"] = new JsonArray(chain.Select(c => (JsonNode?)JsonValue.Create(Convert.ToBase64String(c.RawData))).ToArray());
            return new VerificationMethod(KeyIdFor(did, key), jwk);
        }
    }
}
