using System.ComponentModel.DataAnnotations;

namespace GaiaX.Oid4vc.Compliance.Registry;

/// <summary>
/// Where the engine's trust comes from (<c>Compliance:Registry</c>). With <see cref="BaseUrl"/> set,
/// the Gaia-X Registry API is asked; otherwise the local registry below is used (DevHost, tests,
/// ecosystems that pin their anchors).
/// </summary>
public sealed class GaiaXRegistryOptions : IValidatableObject
{
    public const string SectionName = "Compliance:Registry";

    /// <summary>Base URL of a Gaia-X Registry (e.g. <c>https://registry.lab.gaia-x.eu/v2</c>).</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>Registry path answering the terms-and-conditions (<c>{"hash":…}</c> or <c>{"text":…}</c>).</summary>
    public string TermsAndConditionsPath { get; set; } = "api/termsAndConditions";

    /// <summary>Registry path serving the SHACL shapes as Turtle.</summary>
    public string ShapesPath { get; set; } = "api/trusted-shape-registry/v1/shapes/trustframework";

    /// <summary>Registry path serving the ontology (Turtle) whose subclass facts the shapes need; empty for none.</summary>
    public string? OntologyPath { get; set; }

    /// <summary>
    /// Registry path listing the ecosystem extensions (this stack's Registry); empty for a registry without them (the
    /// Gaia-X Lab's). A 404 there means none.
    /// </summary>
    public string? EcosystemExtensionsPath { get; set; } = "api/ecosystem-extensions";

    /// <summary>How long registry answers (trust verdicts, notary list, T&amp;C, shapes) are reused.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Time-out of one registry request; retries come on top, within <see cref="TotalTimeout"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(3);

    [Range(typeof(TimeSpan), "00:00:00.100", "00:02:00")]
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(10);

    [Range(0, 5)]
    public int MaxRetries { get; set; } = 2;

    public LocalRegistryOptions Local { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (BaseUrl is not null && (!BaseUrl.IsAbsoluteUri || BaseUrl.Scheme is not ("https" or "http")))
        {
            yield return new ValidationResult("must be an absolute http(s) URL.", [nameof(BaseUrl)]);
        }
    }
}
