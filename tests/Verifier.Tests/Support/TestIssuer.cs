using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;

namespace Verifier.Tests.Support;

/// <summary>An SD-JWT VC as issued: the issuer-signed JWT and its disclosures by claim name.</summary>
public sealed record SdJwtCredential(string IssuerJwt, IReadOnlyDictionary<string, string> Disclosures)
{
    /// <summary>The SD-JWT with only the named claims disclosed, ending with '~' (ready for a KB-JWT).</summary>
    public string Disclose(params string[] names) =>
        IssuerJwt + "~" + string.Concat(names.Select(n => Disclosures[n] + "~"));
}

/// <summary>A credential issuer for tests: signs VC-JWTs and SD-JWT VCs with an x5c chain from a test CA.</summary>
public sealed class TestIssuer : IDisposable
{
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly X509Certificate2 _certificate;

    public TestIssuer(TestPki pki, string id = "did:web:issuer.example")
    {
        ArgumentNullException.ThrowIfNull(pki);
        Id = id;
        _certificate = pki.Issue(_key, "Test Issuer");
    }

    public string Id { get; }

    private JsonObject Header(string typ) => new()
    {
        ["typ"] = typ,
        ["kid"] = Id + "#key-1",
        ["x5c"] = new JsonArray(Convert.ToBase64String(_certificate.RawData)),
    };

    /// <summary>A VCDM 2.0 credential secured as a VC-JWT (<c>typ: vc+jwt</c>, <c>cty: vc</c>).</summary>
    public string IssueVcJwt(string type, JsonObject subject, DateTimeOffset? validUntil = null, DateTimeOffset? expires = null)
    {
        var header = Header("vc+jwt");
        header["cty"] = "vc";
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
            ["iss"] = Id,
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
        return new SdJwtCredential(Jose.SignEs256(Header("dc+sd-jwt"), payload, _key), disclosures);
    }

    public void Dispose()
    {
        _certificate.Dispose();
        _key.Dispose();
    }
}
