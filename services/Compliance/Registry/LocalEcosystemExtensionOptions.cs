namespace GaiaX.Oid4vc.Compliance.Registry;

/// <summary>An ecosystem extension of the local registry (<c>Compliance:Registry:Local:EcosystemExtensions:{name}</c>).</summary>
public sealed class LocalEcosystemExtensionOptions
{
    /// <summary>The context URL credentials of the ecosystem list.</summary>
    public string? ContextUrl { get; set; }

    /// <summary>The context document (JSON-LD) served for <see cref="ContextUrl"/>.</summary>
    public string? ContextFile { get; set; }

    /// <summary>The ecosystem's SHACL shapes (Turtle).</summary>
    public string? ShapesFile { get; set; }
}
