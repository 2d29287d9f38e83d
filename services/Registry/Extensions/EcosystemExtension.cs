namespace GaiaX.Oid4vc.Registry.Extensions;

/// <summary>
/// An ecosystem's extension of the Gaia-X ontology: its JSON-LD context (served to the engines at
/// <see cref="ContextUrl"/>, never fetched from there) and its SHACL shapes (Turtle), applied in addition to the
/// Gaia-X shapes to credentials that list the context. <see cref="Digest"/> (SHA-256 of both, hex) names the content.
/// </summary>
public sealed record EcosystemExtension(string Name, string ContextUrl, string Context, string Shapes, string Digest);
