using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Credentials.Jose;
using GaiaX.Oid4vc.Credentials.Vcdm;

namespace GaiaX.Oid4vc.Credentials.VcJwt;

/// <summary>
/// Issues VC-JWTs (VC-JOSE-COSE): the VCDM 2.0 credential is the JWT payload, header
/// <c>typ: vc+jwt</c>, <c>cty: vc</c>, <c>iss</c> (issuer DID) and <c>kid</c> (a DID URL of it).
/// </summary>
public sealed class VcJwtIssuer(TimeProvider time)
{
    /// <summary>
    /// Signs <paramref name="credential"/>. Its <c>issuer</c> is set to <paramref name="issuer"/>
    /// when absent and must equal it otherwise. The registered JWT claims the VC-JOSE-COSE profile
    /// expects are written from the credential: <c>iss</c> = the issuer, <c>nbf</c> from
    /// <c>validFrom</c>, <c>exp</c> from <c>validUntil</c>, and <c>iat</c> = <paramref name="issuedAt"/>
    /// (now when null; never in the future). A credential carrying <c>vc</c> or <c>vp</c> is refused:
    /// those claims must not be present (VC-JOSE-COSE section 3.1.2).
    /// </summary>
    public string Issue(JsonObject credential, SigningKey key, string issuer, DateTimeOffset? issuedAt = null)
    {
        ArgumentNullException.ThrowIfNull(credential);
        using var document = JsonSerializer.SerializeToDocument(credential, CredentialsJsonContext.Default.JsonObject);
        return Issue(document.RootElement, key, issuer, issuedAt);
    }

    /// <summary>
    /// Signs a credential given as JSON (no JSON node tree is built: the hot path of an issuer).
    /// Same rules as <see cref="Issue(JsonObject, SigningKey, string, DateTimeOffset?)"/>.
    /// </summary>
    public string Issue(JsonElement credential, SigningKey key, string issuer, DateTimeOffset? issuedAt = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentException.ThrowIfNullOrEmpty(issuer);
        if (credential.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException("The credential must be a JSON object.", nameof(credential));
        }
        if (VcdmRules.CheckJoseClaims(credential) is { } jose)
        {
            throw new ArgumentException(jose.Message, nameof(credential));
        }
        var hasIssuer = credential.TryGetProperty("issuer", out var issuerElement) && issuerElement.ValueKind != JsonValueKind.Null;
        if (hasIssuer && !string.Equals(VcdmRules.IssuerId(credential), issuer, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The credential's issuer must be '{issuer}'.", nameof(credential));
        }
        var now = time.GetUtcNow();
        var iat = issuedAt ?? now;
        if (iat > now)
        {
            throw new ArgumentOutOfRangeException(nameof(issuedAt), issuedAt, "A credential is never issued in the future.");
        }
        var exp = DateOf(credential, "validUntil");
        var nbf = DateOf(credential, "validFrom");

        // The payload: the credential's members (issuer added when absent), then the registered claims.
        var buffer = new ArrayBufferWriter<byte>(2048);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var member in credential.EnumerateObject())
            {
                if (
                    member.NameEquals("iss")
                    || member.NameEquals("iat")
                    || (exp is not null && member.NameEquals("exp"))
                    || (nbf is not null && member.NameEquals("nbf"))
                    || (!hasIssuer && member.NameEquals("issuer"))
                )
                {
                    continue;
                }
                member.WriteTo(writer);
            }
            if (!hasIssuer)
            {
                writer.WriteString("issuer", issuer);
            }
            writer.WriteString("iss", issuer);
            if (nbf is { } notBefore)
            {
                writer.WriteNumber("nbf", notBefore);
            }
            writer.WriteNumber("iat", iat.ToUnixTimeSeconds());
            if (exp is { } expires)
            {
                writer.WriteNumber("exp", expires);
            }
            writer.WriteEndObject();
        }
        // The rules read none of the registered claims, so the credential stands for the payload;
        // only an issuer added here needs the written payload read back.
        using (var added = hasIssuer ? null : JsonDocument.Parse(buffer.WrittenMemory))
        {
            var rule = VcdmRules.CheckCredential(added?.RootElement ?? credential, now, TimeSpan.Zero);
            if (rule is not null && rule.Reason != VerificationFailure.NotYetValid)
            {
                throw new ArgumentException("The credential breaks the VC Data Model: " + rule.Message, nameof(credential));
            }
        }
        var header = new JsonObject
        {
            ["typ"] = MediaTypes.VcJwt,
            ["cty"] = MediaTypes.VcContent,
            ["iss"] = issuer,
        };
        return Jws.Create(header, buffer.WrittenSpan, key);
    }

    /// <summary>A date member as a NumericDate; the data-model rules refuse a malformed one afterwards.</summary>
    private static long? DateOf(JsonElement credential, string name) =>
        credential.TryGetProperty(name, out var value)
        && value.ValueKind == JsonValueKind.String
        && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date.ToUnixTimeSeconds()
            : null;
}
