using GaiaX.Oid4vc.Credentials.Jose;
using GaiaX.Oid4vc.Credentials.Status;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Verifier.Tests.Support;

/// <summary>
/// A credential issuer for tests, with a certificate from a test CA. VC-JWTs are signed as a
/// <c>did:web</c> issuer whose DID document this issuer serves itself on loopback (the key with
/// its <c>x5c</c> chain); SD-JWT VCs as an https issuer with the <c>x5c</c> header, the leaf
/// naming the issuer's host.
/// </summary>
public sealed class TestIssuer : IAsyncDisposable
{
    public const string SdJwtIssuerHost = "issuer.example.org";

    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly X509Certificate2 _certificate;
    private readonly TestPki _pki;
    private WebApplication? _app;

    private TestIssuer(TestPki pki)
    {
        _certificate = pki.Issue(_key, "Test Issuer", SdJwtIssuerHost);
        _pki = pki;
    }

    /// <summary>The issuer's DID (<c>did:web:127.0.0.1%3A&lt;port&gt;</c>).</summary>
    public string Id { get; private set; } = "";

    public string KeyId => Id + "#key-1";

    /// <summary>The statuses of the issuer's one list (two bits per entry: 0 valid, 1 revoked, 2 suspended).</summary>
    public TokenStatusList Statuses { get; } = new(1024, bits: 2);

    /// <summary>How long the status list endpoints wait before answering (a list host that hangs).</summary>
    public TimeSpan StatusListDelay { get; set; }

    /// <summary>Where the list is served, for a credential's status entries.</summary>
    public Uri StatusListUrl(string? purpose = null) =>
        new($"http://{Id["did:web:".Length..].Replace("%3A", ":", StringComparison.Ordinal)}/status-lists/1" + (purpose is null ? "" : "/" + purpose));

    /// <summary>The <c>credentialStatus</c> of a VC-JWT at <paramref name="index"/> of the issuer's list.</summary>
    public JsonArray BitstringEntries(int index) =>
        StatusListCredentials.BitstringEntries(StatusListUrl(StatusPurposes.Revocation), StatusListUrl(StatusPurposes.Suspension), index);

    private async Task<IResult> StatusListAsync(string? purpose)
    {
        if (StatusListDelay > TimeSpan.Zero)
        {
            await Task.Delay(StatusListDelay);
        }
        var signing = new SigningKey(_key, JwsAlgorithms.ES256, KeyId);
        var now = DateTimeOffset.UtcNow;
        if (purpose is null)
        {
            return Results.Text(
                StatusListCredentials.SignTokenStatusList(StatusListUrl(), Statuses, signing, Id, now, now.AddDays(1), TimeSpan.FromMinutes(5)),
                StatusListCredentials.StatusListJwtMediaType);
        }
        var wanted = purpose == StatusPurposes.Revocation ? TokenStatusList.Invalid : TokenStatusList.Suspended;
        var bits = new BitstringStatusList();
        for (var i = 0; i < Statuses.Length; i++)
        {
            bits[i] = Statuses[i] == wanted;
        }
        return Results.Text(
            StatusListCredentials.SignBitstringStatusList(StatusListUrl(purpose), purpose, bits, signing, Id, now, now.AddDays(1), TimeSpan.FromMinutes(5), TimeProvider.System),
            "application/vc+jwt");
    }

    public static string SdJwtIssuer => "https://" + SdJwtIssuerHost;

    public static async Task<TestIssuer> StartAsync(TestPki pki)
    {
        ArgumentNullException.ThrowIfNull(pki);
        var issuer = new TestIssuer(pki);
        var app = await TestServiceHost.OnFreePortAsync(async port =>
        {
            issuer.Id = $"did:web:127.0.0.1%3A{port}";
            var builder = WebApplication.CreateBuilder();
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            app.MapGet("/.well-known/did.json", () => Results.Text(issuer.DidDocument().ToJsonString(), "application/did+json"));
            // Its status lists: one list, served as a Status List Token and as the two BitstringStatusListCredentials.
            app.MapGet("/status-lists/1", async () => await issuer.StatusListAsync(null));
            app.MapGet("/status-lists/1/{purpose}", async (string purpose) => await issuer.StatusListAsync(purpose));
            try
            {
                await app.StartAsync();
                return app;
            }
            catch
            {
                await app.DisposeAsync();
                throw;
            }
        });
        issuer._app = app;
        return issuer;
    }

    private JsonObject DidDocument()
    {
        var jwk = Jose.PublicJwk(_key);
        jwk["alg"] = "ES256";
        // Leaf, the issuing intermediate when the CA has one, and the root (which a verifier ignores: it has its own).
        jwk["x5c"] = X5c(_certificate, _pki.Intermediate, _pki.Root);
        return new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/did/v1"),
            ["id"] = Id,
            ["verificationMethod"] = new JsonArray(new JsonObject { ["id"] = KeyId, ["type"] = "JsonWebKey2020", ["controller"] = Id, ["publicKeyJwk"] = jwk }),
            ["assertionMethod"] = new JsonArray(KeyId),
        };
    }

    /// <summary>
    /// A VCDM 2.0 credential secured as a VC-JWT (<c>typ: vc+jwt</c>, <c>cty: vc</c>, <c>kid</c> a DID URL of the issuer).
    /// With <paramref name="holderJwk"/> it is bound to that key as the Issuer binds it: <c>cnf.jwk</c> is the
    /// key and <c>credentialSubject.id</c> its <c>did:jwk</c>.
    /// </summary>
    public string IssueVcJwt(string type, JsonObject subject, DateTimeOffset? validUntil = null, DateTimeOffset? expires = null, JsonObject? holderJwk = null, Action<JsonObject>? changePayload = null)
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (holderJwk is not null)
        {
            subject["id"] = "did:jwk:" + Jose.B64(holderJwk.ToJsonString());
        }
        var header = new JsonObject { ["typ"] = "vc+jwt", ["cty"] = "vc", ["kid"] = KeyId };
        var payload = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
            ["type"] = new JsonArray("VerifiableCredential", type),
            ["id"] = "urn:uuid:" + Guid.NewGuid(),
            ["issuer"] = Id,
            ["validFrom"] = DateTimeOffset.UtcNow.AddDays(-1).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            ["credentialSubject"] = subject,
            ["iss"] = Id,
            ["iat"] = Jose.Now(),
        };
        if (validUntil is { } until)
        {
            payload["validUntil"] = until.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        }
        if (expires is { } exp)
        {
            payload["exp"] = exp.ToUnixTimeSeconds();
        }
        if (holderJwk is not null)
        {
            payload["cnf"] = new JsonObject { ["jwk"] = holderJwk.DeepClone() };
        }
        changePayload?.Invoke(payload);
        return Jose.SignEs256(header, payload, _key);
    }

    /// <summary>An SD-JWT VC whose top-level <paramref name="claims"/> are all selectively disclosable, bound to <paramref name="holderJwk"/>.</summary>
    public SdJwtCredential IssueSdJwt(string vct, JsonObject claims, JsonObject holderJwk, DateTimeOffset? expires = null)
    {
        var disclosures = new Dictionary<string, string>();
        var digests = new JsonArray();
        foreach (var (name, value) in claims)
        {
            var disclosure = Jose.B64(new JsonArray(Jose.B64(RandomNumberGenerator.GetBytes(16)), name, value?.DeepClone()).ToJsonString());
            disclosures[name] = disclosure;
            digests.Add(Jose.B64(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(disclosure))));
        }
        var payload = new JsonObject
        {
            ["iss"] = SdJwtIssuer,
            ["iat"] = Jose.Now(),
            ["vct"] = vct,
            ["_sd"] = digests,
            ["_sd_alg"] = "sha-256",
            ["cnf"] = new JsonObject { ["jwk"] = holderJwk.DeepClone() },
        };
        if (expires is { } exp)
        {
            payload["exp"] = exp.ToUnixTimeSeconds();
        }
        var header = new JsonObject { ["typ"] = "dc+sd-jwt", ["x5c"] = X5c(_certificate, _pki.Intermediate) };
        return new SdJwtCredential(Jose.SignEs256(header, payload, _key), disclosures);
    }

    private static JsonArray X5c(params X509Certificate2?[] chain) =>
        new([.. chain.OfType<X509Certificate2>().Select(c => (JsonNode)Convert.ToBase64String(c.RawData))]);

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
        _certificate.Dispose();
        _key.Dispose();
    }
}
