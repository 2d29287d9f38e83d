using System.ComponentModel.DataAnnotations;
using GaiaX.Oid4vc.ServiceDefaults;

namespace GaiaX.Oid4vc.Registry;

/// <summary>Settings of the Registry service, bound from the <c>Registry</c> configuration section.</summary>
public sealed class RegistryOptions : IValidatableObject
{
    public const string SectionName = "Registry";

    [Required]
    [AbsoluteHttpUrl]
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:5105";

    /// <summary>
    /// What the trust list holds when the state store has none yet (first start): trust-anchor certificates (PEM) and
    /// trusted issuers per role (<c>Bootstrap:TrustedIssuers:registration-notary:0=did:web:…</c>). Later changes go
    /// through the management API.
    /// </summary>
    public BootstrapOptions Bootstrap { get; set; } = new();

    /// <summary>The Gaia-X terms and conditions participants sign (their SHA-256 is what credentials carry).</summary>
    public TermsAndConditionsOptions TermsAndConditions { get; set; } = new();

    /// <summary>
    /// Ontology versions by name (<c>Registry:Ontologies:2511:ShapesPath=…</c>). <c>development</c> is built in: the
    /// repository's Gaia-X profile shapes, unless configured otherwise.
    /// </summary>
    public Dictionary<string, OntologyVersionOptions> Ontologies { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The version <c>/api/trusted-shape-registry/v1/shapes/trustframework</c> serves (the Lab registry's path).</summary>
    public string CurrentOntologyVersion { get; set; } = "development";

    /// <summary>The largest certificate chain fetched for <c>POST /api/trustAnchor/chain/file</c>, in bytes.</summary>
    [Range(1024, 1024 * 1024)]
    public int MaxChainBytes { get; set; } = 64 * 1024;

    /// <summary>How long fetching a chain for <c>chain/file</c> may take, in seconds.</summary>
    [Range(1, 60)]
    public int ChainFetchTimeoutSeconds { get; set; } = 5;

    /// <summary>Allow <c>chain/file</c> URLs on loopback and plain HTTP (development and tests only).</summary>
    public bool AllowLoopbackChainUrls { get; set; }

    /// <summary>
    /// How often the trust list is published again unchanged (<c>trust-list-changed</c> at the same version), besides
    /// once at start-up: a service that subscribed after the last change, or missed it, catches up within this time.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RepublishInterval { get; set; } = TimeSpan.FromMinutes(5);

    public ManagementApiOptions Management { get; set; } = new() { Audience = "gaiax-registry", RequireHttpsMetadata = true };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (version, files) in Ontologies)
        {
            foreach (
                var (name, path) in new[]
                {
                    ("ShapesPath", files.ShapesPath),
                    ("OntologyPath", files.OntologyPath),
                    ("ContextPath", files.ContextPath),
                }
            )
            {
                if (!string.IsNullOrWhiteSpace(path) && !File.Exists(path))
                {
                    yield return new ValidationResult($"{path} does not exist", [$"Ontologies:{version}:{name}"]);
                }
            }
        }
    }
}
