using System.Buffers;
using System.Buffers.Text;
using System.Reflection;
using System.Text;
using System.Text.Json;
using GaiaX.Oid4vc.Compliance.Filters;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Compliance.Labels;

/// <summary>
/// Turns a compliant assessment into a Gaia-X <c>LabelCredential</c> VC-JWT signed by the Compliance
/// identity: the subject lists each compliant credential with its id, type and the SRI digest of
/// the JWT as received, the label level and the engine and rules versions.
/// </summary>
public sealed class LabelCredentialIssuer(IComplianceSigningIdentity identity, ComplianceFilterChain chain, IOptions<ComplianceOptions> options)
{
    public const string GaiaXContext = "https://w3id.org/gaia-x/development#";

    /// <summary>This engine's version (<c>gx:engineVersion</c>).</summary>
    public static string EngineVersion { get; } =
        typeof(LabelCredentialIssuer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "1.0.0";

    public string Issue(ComplianceAssessment assessment, Uri? vcid)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        if (!assessment.IsCompliant)
        {
            throw new InvalidOperationException("Only a compliant assessment is labelled.");
        }
        var settings = options.Value;
        var id = vcid?.AbsoluteUri ?? "urn:uuid:" + Guid.NewGuid().ToString("D");
        var issuedAt = assessment.AssessedAt;
        var validUntil = issuedAt + settings.LabelValidity;

        var header = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(header))
        {
            writer.WriteStartObject();
            writer.WriteString("alg", identity.Algorithm);
            writer.WriteString("typ", "vc+jwt");
            writer.WriteString("cty", "vc");
            writer.WriteString("iss", identity.Did);
            writer.WriteString("kid", identity.KeyId);
            writer.WriteEndObject();
        }

        var payload = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(payload))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("@context");
            writer.WriteStringValue(ParseFilter.CredentialsV2Context);
            writer.WriteStringValue(GaiaXContext);
            writer.WriteEndArray();
            writer.WriteStartArray("type");
            writer.WriteStringValue("VerifiableCredential");
            writer.WriteStringValue("gx:LabelCredential");
            writer.WriteEndArray();
            writer.WriteString("id", id);
            writer.WriteString("issuer", identity.Did);
            writer.WriteString("validFrom", Timestamp(issuedAt));
            writer.WriteString("validUntil", Timestamp(validUntil));
            writer.WriteStartObject("credentialSubject");
            writer.WriteString("id", id + "#cs");
            writer.WriteString("type", "gx:LabelCredential");
            writer.WriteString("gx:labelLevel", settings.LabelLevel);
            writer.WriteString("gx:engineVersion", EngineVersion);
            writer.WriteString("gx:rulesVersion", settings.RulesVersion);
            writer.WriteStartArray("gx:validatedCriteria");
            // The criteria a label vouches for: the filters a compliant presentation has passed.
            foreach (var filter in chain.Filters.Where(f => f.Scope.HasFlag(ComplianceScope.Presentation)))
            {
                writer.WriteStringValue(filter.Name);
            }
            writer.WriteEndArray();
            writer.WriteStartArray("gx:compliantCredentials");
            foreach (var credential in assessment.Credentials)
            {
                writer.WriteStartObject();
                writer.WriteString("id", credential.Id);
                writer.WriteString("type", "gx:CompliantCredential");
                writer.WriteString("gx:credentialType", "gx:" + credential.Type);
                writer.WriteString("digestSRI", credential.DigestSri);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteNumber("iat", issuedAt.ToUnixTimeSeconds());
            writer.WriteNumber("nbf", issuedAt.ToUnixTimeSeconds());
            writer.WriteNumber("exp", validUntil.ToUnixTimeSeconds());
            writer.WriteString("jti", id);
            writer.WriteEndObject();
        }

        var signingInput = Base64Url.EncodeToString(header.WrittenSpan) + "." + Base64Url.EncodeToString(payload.WrittenSpan);
        var signature = identity.Sign(Encoding.ASCII.GetBytes(signingInput));
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }

    private static string Timestamp(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
