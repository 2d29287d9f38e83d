namespace GaiaX.Oid4vc.Compliance.Registry;

/// <summary>
/// An ecosystem's extension of the Gaia-X shapes, as the registry gives it: the context credentials list
/// (<see cref="ContextUrl"/>, served from <see cref="ContextJson"/>, never fetched), the SHACL shapes (Turtle) applied in
/// addition to the Gaia-X ones, and a digest naming the content (compiled forms are keyed by it).
/// </summary>
public sealed record EcosystemExtension(string Name, string ContextUrl, string ContextJson, string ShapesTurtle, string Digest);
