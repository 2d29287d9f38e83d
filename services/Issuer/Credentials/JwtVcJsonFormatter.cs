using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Credentials;
using GaiaX.Oid4vc.Credentials.Status;
using GaiaX.Oid4vc.Credentials.VcJwt;
using GaiaX.Oid4vc.Issuer.Signing;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Issuer.Credentials;

/// <summary>
/// <c>jwt_vc_json</c> as a W3C VCDM 2.0 credential secured with JOSE (VC-JOSE-COSE), signed by the
/// credential core's <see cref="VcJwtIssuer"/>: header <c>typ: vc+jwt</c>, <c>cty: vc</c>,
/// <c>iss</c>, <c>kid</c> (the issuer's DID URL); payload claims <c>iss</c>, <c>sub</c> (the subject
/// id), <c>jti</c> (the credential id), <c>nbf</c> = <c>iat</c> = <c>validFrom</c> (the credential's
/// own issuance time, see <see cref="CredentialIssuanceTimes"/>), <c>exp</c> = <c>validUntil</c>.
/// The holder key is bound through <c>cnf.jwk</c>, and <c>credentialSubject.id</c> is the holder's
/// DID (<c>did:jwk</c> of the proof key, or the DID of a <c>kid</c> proof) unless the offer named a subject.
/// </summary>
public sealed class JwtVcJsonFormatter(
    IIssuerSigningKey key,
    VcJwtIssuer issuer,
    CredentialIssuanceTimes times,
    IOptions<IssuerOptions> options
) : ICredentialFormatter
{
    public string Format => CredentialFormats.JwtVcJson;

    public string Issue(CredentialIssueContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var issuedAt = times.Next();
        var subjectId = context.SubjectId ?? context.Holder.Did ?? DidJwk(context.Holder.Jwk);
        var id = context.CredentialId;

        // Written straight to UTF-8 (no JSON node tree): this runs once per issued credential.
        var buffer = new ArrayBufferWriter<byte>(2048);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("@context");
            writer.WriteStringValue("https://www.w3.org/ns/credentials/v2");
            foreach (var extra in context.Configuration.Contexts)
            {
                writer.WriteStringValue(extra);
            }
            writer.WriteEndArray();
            writer.WriteString("id", id);
            writer.WriteStartArray("type");
            foreach (var type in context.Configuration.Types)
            {
                writer.WriteStringValue(type);
            }
            writer.WriteEndArray();
            writer.WriteString("issuer", key.IssuerDid);
            writer.WriteString("validFrom", issuedAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
            writer.WriteString(
                "validUntil",
                issuedAt.AddDays(options.Value.CredentialValidityDays).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)
            );
            writer.WriteStartObject("credentialSubject");
            if (context.Claims.ValueKind == JsonValueKind.Object)
            {
                foreach (var claim in context.Claims.EnumerateObject())
                {
                    // The subject id is the holder's (or the offer's subject), never a claim.
                    if (!claim.NameEquals("id"))
                    {
                        claim.WriteTo(writer);
                    }
                }
            }
            writer.WriteString("id", subjectId);
            writer.WriteEndObject();
            if (context.Status is { } status)
            {
                writer.WritePropertyName("credentialStatus");
                StatusListCredentials.WriteBitstringEntries(writer, status.RevocationListUrl, status.SuspensionListUrl, status.Index);
            }
            writer.WriteString("sub", subjectId);
            writer.WriteString("jti", id);
            writer.WriteStartObject("cnf");
            writer.WritePropertyName("jwk");
            context.Holder.Jwk.WriteTo(writer);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        using var credential = JsonDocument.Parse(buffer.WrittenMemory);
        return issuer.Issue(credential.RootElement, key.Key, key.IssuerDid, issuedAt);
    }

    /// <summary>The <c>did:jwk</c> of a public JWK.</summary>
    public static string DidJwk(JsonObject jwk)
    {
        ArgumentNullException.ThrowIfNull(jwk);
        return "did:jwk:" + System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(jwk.ToJsonString()));
    }
}
