using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Credentials.DidWeb;
using GaiaX.Oid4vc.Credentials.Jose;
using GaiaX.Oid4vc.Credentials.SdJwt;
using GaiaX.Oid4vc.Credentials.VcJwt;
using GaiaX.Oid4vc.Credentials.X509;
using GaiaX.Oid4vc.Testing;
using Microsoft.Extensions.Time.Testing;

namespace GaiaX.Oid4vc.Credentials.Tests.Support;

/// <summary>
/// A small PKI (trusted root → intermediate → leaves, plus an untrusted root), parties with
/// did:web DID documents (good ones and ones with one defect each) served from memory, and the
/// verifiers wired as a service wires them.
/// </summary>
public sealed class CredentialsFixture : IDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly Dictionary<string, Party> _parties = new(StringComparer.Ordinal);
    private readonly HttpClient _http;

    public CredentialsFixture()
    {
        Time = new FakeTimeProvider(Now);
        var from = Now.AddYears(-1);
        var to = Now.AddYears(3);
        Root = TestPki.CreateRoot("Test Trust Anchor", Now.AddYears(-5), to.AddYears(5));
        Intermediate = TestPki.CreateIntermediate(Root, "Test Issuing CA", from, to);
        UntrustedRoot = TestPki.CreateRoot("Untrusted Root", from, to);
        var expiredIntermediate = TestPki.CreateIntermediate(Root, "Expired Issuing CA", Now.AddYears(-3), Now.AddDays(-1));

        Add("issuer.example", key => [Leaf(Intermediate, key, "issuer", from, to), Intermediate]);
        Add("holder.example", key => [Leaf(Intermediate, key, "holder", from, to), Intermediate]);
        Add("other.example", key => [Leaf(Intermediate, key, "other", from, to), Intermediate]);
        Add("ev.example", key => [Leaf(Intermediate, key, "ev", from, to, policyOid: CertificateChainValidator.ExtendedValidationPolicyOid), Intermediate]);
        Add("untrusted.example", key => [Leaf(UntrustedRoot, key, "untrusted", from, to), UntrustedRoot]);
        Add("selfsigned.example", key => [TestPki.CreateSelfSignedLeaf(key, "selfsigned", from, to)]);
        Add("mismatch.example", _ =>
        {
            using var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            return [Leaf(Intermediate, otherKey, "mismatch", from, to), Intermediate];
        });
        Add("expiredca.example", key => [Leaf(expiredIntermediate, key, "expiredca", from, to), expiredIntermediate]);
        Add("nokeyusage.example", key => [Leaf(Intermediate, key, "nokeyusage", from, to, X509KeyUsageFlags.KeyAgreement), Intermediate]);
        Add("noalg.example", key => [Leaf(Intermediate, key, "noalg", from, to), Intermediate], jwk => jwk.Remove("alg"));
        Add("nox5c.example", key => [Leaf(Intermediate, key, "nox5c", from, to), Intermediate], jwk => jwk.Remove("x5c"));
        Add("private.example", key => [Leaf(Intermediate, key, "private", from, to), Intermediate], jwk => jwk["d"] = "AAAA");
        Add("x5u.example", key => [Leaf(Intermediate, key, "x5u", from, to), Intermediate], jwk =>
        {
            jwk.Remove("x5c");
            jwk["x5u"] = "https://x5u.example/chain.pem";
        });
        var x5u = _parties["did:web:x5u.example"].Key.CertificateChain;
        Stub.Serve("https://x5u.example/chain.pem", string.Concat(x5u.Select(c => c.ExportCertificatePem() + "\n")));

        Anchors = new TrustAnchors([Root]);
        Chains = new CertificateChainValidator(Anchors, Time);
        _http = new HttpClient(Stub);
        DidWebOptions = new DidWebOptions();
        DidResolver = new DidWebResolver(_http, DidWebOptions, Time);
        var x5uFetcher = new X5uFetcher(_http, DidWebOptions);
        Keys = new IssuerKeyResolver(new DidWebKeyResolver(DidResolver, Chains, x5uFetcher, Time), new X5cKeyResolver(Chains));
        VcVerifier = new VcJwtVerifier(Keys, Time);
        VpVerifier = new VpJwtVerifier(Keys, VcVerifier, Time);
        SdJwtVerifier = new SdJwtVerifier(Keys, Time);
        var evOptions = new DidWebOptions { RequiredCertificatePolicy = CertificateChainValidator.ExtendedValidationPolicyOid };
        var evResolver = new DidWebResolver(_http, evOptions, Time);
        EvVcVerifier = new VcJwtVerifier(new IssuerKeyResolver(new DidWebKeyResolver(evResolver, Chains, x5uFetcher, Time), new X5cKeyResolver(Chains)), Time);
        VcIssuer = new VcJwtIssuer(Time);
        VpIssuer = new VpJwtIssuer(Time);
        SdJwtIssuer = new SdJwtIssuer(Time);
        HolderKey = SigningKey.CreateEs256();
    }

    public FakeTimeProvider Time { get; }

    public X509Certificate2 Root { get; }

    public X509Certificate2 Intermediate { get; }

    public X509Certificate2 UntrustedRoot { get; }

    public StubHttpHandler Stub { get; } = new();

    public TrustAnchors Anchors { get; }

    public CertificateChainValidator Chains { get; }

    public DidWebOptions DidWebOptions { get; }

    public DidWebResolver DidResolver { get; }

    public IJwsKeyResolver Keys { get; }

    public VcJwtVerifier VcVerifier { get; }

    public VcJwtVerifier EvVcVerifier { get; }

    public VpJwtVerifier VpVerifier { get; }

    public SdJwtVerifier SdJwtVerifier { get; }

    public VcJwtIssuer VcIssuer { get; }

    public VpJwtIssuer VpIssuer { get; }

    public SdJwtIssuer SdJwtIssuer { get; }

    /// <summary>A wallet's key (cnf of SD-JWTs).</summary>
    public SigningKey HolderKey { get; }

    public Party Issuer => Party("issuer.example");

    public Party Holder => Party("holder.example");

    public Party Party(string host) => _parties["did:web:" + host];

    /// <summary>A valid VCDM 2.0 credential by <paramref name="issuer"/>.</summary>
    public static JsonObject Credential(string issuer) => new()
    {
        ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2", "https://w3id.org/gaia-x/development#"),
        ["type"] = new JsonArray("VerifiableCredential", "gx:LegalPerson"),
        ["id"] = "https://issuer.example/credentials/1",
        ["issuer"] = issuer,
        ["validFrom"] = "2026-01-01T00:00:00Z",
        ["validUntil"] = "2027-01-01T00:00:00Z",
        ["credentialSubject"] = new JsonObject { ["id"] = "did:web:holder.example", ["gx:legalName"] = "Example Org" },
    };

    public string IssueVc(string host = "issuer.example", Action<JsonObject>? change = null)
    {
        var party = Party(host);
        var credential = Credential(party.Did);
        change?.Invoke(credential);
        return VcIssuer.Issue(credential, party.Key, party.Did);
    }

    /// <summary>Signs a credential as a VC-JWT without the issuer's own checks (to make defective ones).</summary>
    public string SignVc(string host, Action<JsonObject> change, Action<JsonObject>? changeHeader = null)
    {
        var party = Party(host);
        var credential = Credential(party.Did);
        change(credential);
        var header = new JsonObject { ["typ"] = "vc+jwt", ["cty"] = "vc", ["iss"] = party.Did };
        changeHeader?.Invoke(header);
        return Jws.Create(header, credential, party.Key);
    }

    /// <summary>Builds a compact JWS from literal header and payload JSON, signed by <paramref name="sign"/> (null: empty signature part).</summary>
    public static string RawJws(string headerJson, string payloadJson, Func<byte[], byte[]>? sign)
    {
        var input = Base64UrlStrict.Encode(Encoding.UTF8.GetBytes(headerJson)) + "." + Base64UrlStrict.Encode(Encoding.UTF8.GetBytes(payloadJson));
        var signature = sign?.Invoke(Encoding.ASCII.GetBytes(input)) ?? [];
        return input + "." + Base64UrlStrict.Encode(signature);
    }

    /// <summary>Signs literal header and payload with a party's key (whatever alg the header claims).</summary>
    public static string RawJws(string headerJson, string payloadJson, SigningKey key) => RawJws(headerJson, payloadJson, data => key.Sign(data));

    /// <summary>A leaf whose SAN is <c>{name}.example</c>, the host of its party.</summary>
    private static X509Certificate2 Leaf(X509Certificate2 issuer, ECDsa key, string name, DateTimeOffset from, DateTimeOffset to,
        X509KeyUsageFlags usage = X509KeyUsageFlags.DigitalSignature, string? policyOid = null) =>
        TestPki.CreateLeaf(issuer, key, name, from, to, usage, policyOid, [name + ".example"]);

    private void Add(string host, Func<ECDsa, X509Certificate2[]> chain, Action<JsonObject>? changeJwk = null)
    {
        var did = "did:web:" + host;
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var kid = did + "#key-1";
        var certificates = chain(key);
        var signingKey = new SigningKey(key, JwsAlgorithms.ES256, kid, certificates);
        var jwk = signingKey.PublicKey.ToJwk();
        jwk.Remove("kid");
        jwk["x5c"] = new JsonArray(signingKey.X5c.Select(c => (JsonNode?)JsonValue.Create(c)).ToArray());
        changeJwk?.Invoke(jwk);
        var document = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/did/v1"),
            ["id"] = did,
            ["verificationMethod"] = new JsonArray(new JsonObject
            {
                ["id"] = kid,
                ["type"] = "JsonWebKey2020",
                ["controller"] = did,
                ["publicKeyJwk"] = jwk,
            }),
            ["assertionMethod"] = new JsonArray(kid),
        };
        Stub.Serve(DidWebUrl.ToDocumentUrl(did).Value!.ToString(), document.ToJsonString());
        _parties[did] = new Party(did, kid, signingKey);
    }

    public void Dispose()
    {
        _http.Dispose();
        foreach (var party in _parties.Values)
        {
            party.Key.Dispose();
        }
        HolderKey.Dispose();
    }
}
