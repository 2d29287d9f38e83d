using System.Text.Json;
using GaiaX.Oid4vc.Compliance.Verification;

namespace GaiaX.Oid4vc.Compliance.Filters;

/// <summary>
/// A compact JWS under assessment (the VP envelope or one enveloped VC), with what the filters have
/// learned about it so far.
/// </summary>
public class AssessedJwt
{
    internal AssessedJwt(string label, string compact, JsonElement header, JsonElement payload, int signingInputLength, byte[] signature)
    {
        Label = label;
        Compact = compact;
        Header = header;
        Payload = payload;
        SigningInputLength = signingInputLength;
        Signature = signature;
    }

    /// <summary>How failures name this item (its id, or its place in the presentation).</summary>
    public string Label { get; internal set; }

    /// <summary>The JWS exactly as received: the label credential's digest is taken over these bytes.</summary>
    public string Compact { get; }

    public JsonElement Header { get; }

    public JsonElement Payload { get; }

    /// <summary>Length of <c>BASE64URL(header) '.' BASE64URL(payload)</c>, the JWS signing input.</summary>
    public int SigningInputLength { get; }

    public byte[] Signature { get; }

    public string? Algorithm => HeaderString("alg");

    public string? Type => HeaderString("typ");

    public string? KeyId => HeaderString("kid");

    public string? IssuerHeader => HeaderString("iss");

    /// <summary>The verification method found for <see cref="KeyId"/> (set by the DID filter).</summary>
    public ResolvedVerificationMethod? VerificationMethod { get; internal set; }

    /// <summary>
    /// Set when a filter found a fault after which the cryptographic checks of this item cannot run
    /// (no usable kid, unresolvable DID, …). Content checks (shapes, rules) still run so that the
    /// caller learns every fault at once.
    /// </summary>
    public string? CryptoBlockedBy { get; internal set; }

    public bool CanVerifyCryptographically => CryptoBlockedBy is null;

    private string? HeaderString(string name) =>
        Header.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

/// <summary>An enveloped VC-JWT (or the single credential of a <c>credential-prepared</c> check).</summary>
public sealed class AssessedCredential : AssessedJwt
{
    internal AssessedCredential(string label, string compact, JsonElement header, JsonElement payload, int signingInputLength, byte[] signature)
        : base(label, compact, header, payload, signingInputLength, signature)
    {
        Types = CredentialJson.Types(payload);
        Issuer = CredentialJson.IssuerId(payload);
        Id = payload.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
    }

    /// <summary>The presentation that enveloped this credential (null for a credential assessed on its own).</summary>
    public AssessedJwt? Presentation { get; internal set; }

    /// <summary>The credential's <c>id</c>, when it has one.</summary>
    public string? Id { get; }

    /// <summary>The credential's types with the Gaia-X namespace removed (<c>gx:LegalPerson</c> → <c>LegalPerson</c>).</summary>
    public IReadOnlyList<string> Types { get; }

    /// <summary>The <c>issuer</c> of the payload (a string or an object's <c>id</c>).</summary>
    public string? Issuer { get; }

    /// <summary>The RDF form of the credential, set by the JSON-LD filter for the SHACL filter.</summary>
    public object? Graph { get; internal set; }

    /// <summary>The credential's subjects (one object, or each element of an array).</summary>
    public IEnumerable<JsonElement> Subjects => CredentialJson.Subjects(Payload);

    /// <summary>The first Gaia-X type that is not <c>VerifiableCredential</c> (what the label lists).</summary>
    public string PrimaryType => Types.FirstOrDefault(t => t != "VerifiableCredential") ?? "VerifiableCredential";

    public bool HasType(string gaiaxType) => Types.Contains(gaiaxType, StringComparer.Ordinal);
}
