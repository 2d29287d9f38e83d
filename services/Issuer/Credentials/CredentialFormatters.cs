using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Issuer.Signing;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Issuer.Credentials;

/// <summary>What a credential is made from: configuration, claims, subject and the holder key.</summary>
public sealed record CredentialIssueContext(string ConfigurationId, CredentialConfigurationOptions Configuration, JsonElement Claims, string? SubjectId, HolderKey Holder);

/// <summary>Produces a signed credential of one format.</summary>
public interface ICredentialFormatter
{
    string Format { get; }

    string Issue(CredentialIssueContext context);
}

/// <summary>
/// <c>jwt_vc_json</c> as a W3C VCDM 2.0 credential secured with JOSE (VC-JOSE-COSE): the credential
/// is the JWT payload, header <c>typ: vc+jwt</c>, <c>cty: vc</c>, <c>kid</c> the issuer's DID URL.
/// The holder key is bound through <c>cnf.jwk</c>, and <c>credentialSubject.id</c> is the holder's
/// DID (<c>did:jwk</c> of the proof key, or the DID of a <c>kid</c> proof) unless the offer named a subject.
/// </summary>
public sealed class JwtVcJsonFormatter(IIssuerSigningKey key, TimeProvider time, IOptions<IssuerOptions> options) : ICredentialFormatter
{
    private static readonly JsonObject Header = new() { ["typ"] = "vc+jwt", ["cty"] = "vc" };

    public string Format => CredentialFormats.JwtVcJson;

    public string Issue(CredentialIssueContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var now = time.GetUtcNow();
        var until = now.AddDays(options.Value.CredentialValidityDays);
        var subject = JsonNode.Parse(context.Claims.GetRawText())!.AsObject();
        subject["id"] = context.SubjectId ?? context.Holder.Did ?? DidJwk(context.Holder.Jwk);
        var types = new JsonArray();
        foreach (var type in context.Configuration.Types)
        {
            types.Add(type);
        }
        var id = "urn:uuid:" + Guid.NewGuid();
        var payload = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
            ["id"] = id,
            ["type"] = types,
            ["issuer"] = key.IssuerDid,
            ["validFrom"] = now.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            ["validUntil"] = until.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            ["credentialSubject"] = subject,
            ["iss"] = key.IssuerDid,
            ["sub"] = subject["id"]!.GetValue<string>(),
            ["jti"] = id,
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["exp"] = until.ToUnixTimeSeconds(),
            ["cnf"] = new JsonObject { ["jwk"] = context.Holder.Jwk.DeepClone() },
        };
        return key.Sign(Header, JsonSerializer.SerializeToUtf8Bytes(payload));
    }

    /// <summary>The <c>did:jwk</c> of a public JWK.</summary>
    public static string DidJwk(JsonObject jwk)
    {
        ArgumentNullException.ThrowIfNull(jwk);
        return "did:jwk:" + System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(jwk.ToJsonString()));
    }
}

/// <summary>
/// <c>dc+sd-jwt</c> (IETF SD-JWT VC): every top-level claim selectively disclosable, <c>vct</c>,
/// <c>iss</c>, <c>iat</c>, <c>exp</c>, <c>cnf.jwk</c> holder binding, header <c>typ: dc+sd-jwt</c>.
/// </summary>
public sealed class SdJwtVcFormatter(IIssuerSigningKey key, TimeProvider time, IOptions<IssuerOptions> options) : ICredentialFormatter
{
    private static readonly JsonObject Header = new() { ["typ"] = "dc+sd-jwt" };

    public string Format => CredentialFormats.SdJwtVc;

    public string Issue(CredentialIssueContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var now = time.GetUtcNow();
        var disclosures = new List<string>();
        var digests = new JsonArray();
        if (context.Claims.ValueKind == JsonValueKind.Object)
        {
            Span<byte> salt = stackalloc byte[16];
            foreach (var claim in context.Claims.EnumerateObject())
            {
                RandomNumberGenerator.Fill(salt);
                var array = new JsonArray(System.Buffers.Text.Base64Url.EncodeToString(salt), claim.Name, JsonNode.Parse(claim.Value.GetRawText()));
                var disclosure = System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(array.ToJsonString()));
                disclosures.Add(disclosure);
                digests.Add(System.Buffers.Text.Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(disclosure))));
            }
        }
        var payload = new JsonObject
        {
            ["vct"] = context.Configuration.Vct,
            ["iss"] = key.IssuerDid,
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["exp"] = now.AddDays(options.Value.CredentialValidityDays).ToUnixTimeSeconds(),
            ["_sd_alg"] = "sha-256",
            ["_sd"] = digests,
            ["cnf"] = new JsonObject { ["jwk"] = context.Holder.Jwk.DeepClone() },
        };
        if (context.SubjectId is not null)
        {
            payload["sub"] = context.SubjectId;
        }
        var jwt = key.Sign(Header, JsonSerializer.SerializeToUtf8Bytes(payload));
        var builder = new StringBuilder(jwt).Append('~');
        foreach (var disclosure in disclosures)
        {
            builder.Append(disclosure).Append('~');
        }
        return builder.ToString();
    }
}
