namespace GaiaX.Oid4vc.Compliance.Registry;

/// <summary>
/// An ecosystem's extension of the Gaia-X shapes, as the registry gives it: the context credentials list
/// (<see cref="ContextUrl"/>, served from <see cref="ContextJson"/>, never fetched), the SHACL shapes (Turtle) applied in
/// addition to the Gaia-X ones, and a digest naming the content (compiled forms are keyed by it).
/// </summary>
public sealed record EcosystemExtension(string Name, string ContextUrl, string ContextJson, string ShapesTurtle, string Digest)
{
    /// <summary>The Registry's limits, held again here: the engine never trusts what it is sent to be within them.</summary>
    public const int MaxExtensions = 32;

    public const int MaxContextLength = 64 * 1024;

    public const int MaxShapesLength = 128 * 1024;

    /// <summary>
    /// An extension whose parts are within the limits, whose context is JSON and whose shapes compile, named by a digest
    /// computed here (not the one it came with).
    /// </summary>
    /// <exception cref="FormatException">A part is too large, not JSON, or does not compile.</exception>
    public static EcosystemExtension Checked(string name, string contextUrl, string contextJson, string shapesTurtle)
    {
        ArgumentNullException.ThrowIfNull(contextUrl);
        ArgumentNullException.ThrowIfNull(contextJson);
        ArgumentNullException.ThrowIfNull(shapesTurtle);
        if (contextJson.Length > MaxContextLength || shapesTurtle.Length > MaxShapesLength)
        {
            throw new FormatException($"The extension '{name}' is larger than the limits.");
        }
        try
        {
            using var context = System.Text.Json.JsonDocument.Parse(contextJson);
            Rdf.Shacl.ShapesGraph.Compile(Rdf.TurtleParser.Parse(shapesTurtle));
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or Rdf.Shacl.ShapesGraphException)
        {
            throw new FormatException($"The extension '{name}' does not load: {e.Message}", e);
        }
        var digest = Convert.ToHexStringLower(
            System.Security.Cryptography.SHA256.HashData(
                System.Text.Encoding.UTF8.GetBytes(contextUrl + "\n" + contextJson + "\n" + shapesTurtle)
            )
        );
        return new EcosystemExtension(name, contextUrl, contextJson, shapesTurtle, digest);
    }
}
