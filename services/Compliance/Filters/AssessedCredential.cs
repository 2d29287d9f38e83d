using System.Text.Json;
using GaiaX.Oid4vc.Compliance.Ontologies;
using GaiaX.Oid4vc.Credentials.Jose;

namespace GaiaX.Oid4vc.Compliance.Filters;

/// <summary>An enveloped VC-JWT (or the single credential of a <c>credential-prepared</c> check).</summary>
public sealed class AssessedCredential : AssessedJwt
{
    internal AssessedCredential(string label, JwsParts parts)
        : base(label, parts)
    {
        Types = CredentialJson.Types(Payload);
        Issuer = CredentialJson.IssuerId(Payload);
        Id = Payload.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
    }

    /// <summary>The presentation that enveloped this credential (null for a credential assessed on its own).</summary>
    public AssessedJwt? Presentation { get; internal set; }

    /// <summary>The credential's <c>id</c>, when it has one.</summary>
    public string? Id { get; }

    /// <summary>The credential's types with the Gaia-X namespace removed (<c>gx:LegalPerson</c> → <c>LegalPerson</c>).</summary>
    public IReadOnlyList<string> Types { get; }

    /// <summary>The <c>issuer</c> of the payload (a string or an object's <c>id</c>).</summary>
    public string? Issuer { get; }

    /// <summary>The Gaia-X ontology version the credential uses (null when it names one the engine does not know).</summary>
    public OntologyVersion? Ontology { get; internal set; }

    /// <summary>The ecosystem extensions whose context the credential lists (their shapes apply in addition).</summary>
    public IReadOnlyList<Registry.EcosystemExtension> Extensions { get; internal set; } = [];

    /// <summary>The RDF form of the credential, set by the JSON-LD filter for the SHACL filter.</summary>
    public object? Graph { get; internal set; }

    /// <summary>The credential's subjects (one object, or each element of an array).</summary>
    public IEnumerable<JsonElement> Subjects => CredentialJson.Subjects(Payload);

    /// <summary>The first Gaia-X type that is not <c>VerifiableCredential</c> (what the label lists).</summary>
    public string PrimaryType => Types.FirstOrDefault(t => t != "VerifiableCredential") ?? "VerifiableCredential";

    public bool HasType(string gaiaxType) => Types.Contains(gaiaxType, StringComparer.Ordinal);
}
