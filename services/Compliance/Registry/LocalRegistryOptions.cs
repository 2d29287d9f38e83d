namespace GaiaX.Oid4vc.Compliance.Registry;

/// <summary>The registry as configuration (<c>Compliance:Registry:Local</c>).</summary>
public sealed class LocalRegistryOptions
{
    /// <summary>Trust-anchor certificates as PEM text.</summary>
    public IList<string> TrustAnchorCertificates { get; } = [];

    /// <summary>Files holding trust-anchor certificates (PEM, one or more each).</summary>
    public IList<string> TrustAnchorCertificateFiles { get; } = [];

    /// <summary>DIDs of the notaries trusted for registration numbers.</summary>
    public IList<string> RegistrationNotaries { get; } = [];

    /// <summary>DIDs of the conformity assessment bodies whose certifications label levels accept.</summary>
    public IList<string> ConformityAssessmentBodies { get; } = [];

    /// <summary>Accepted Gaia-X terms-and-conditions hashes (SHA-256, hex).</summary>
    public IList<string> TermsAndConditionsHashes { get; } = [];

    /// <summary>A Turtle file with the SHACL shapes (e.g. the official <c>gx.shacl.ttl</c>); empty for the repository's Gaia-X
    /// profile.</summary>
    public string? ShapesFile { get; set; }

    /// <summary>The ontology (Turtle, e.g. <c>gx.owl.ttl</c>) whose <c>rdfs:subClassOf</c> facts the shapes need.</summary>
    public string? OntologyFile { get; set; }

    /// <summary>Ecosystem extensions by name: their shapes apply to credentials that list their context.</summary>
    public Dictionary<string, LocalEcosystemExtensionOptions> EcosystemExtensions { get; } = new(StringComparer.Ordinal);
}
