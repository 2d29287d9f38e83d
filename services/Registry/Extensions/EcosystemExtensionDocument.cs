using System.Text.Json;
using System.Text.Json.Serialization;

namespace GaiaX.Oid4vc.Registry.Extensions;

/// <summary>One registered extension as the API shows it.</summary>
public sealed record EcosystemExtensionDocument(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("contextUrl")] string ContextUrl,
    [property: JsonPropertyName("digest")] string Digest,
    [property: JsonPropertyName("context")] JsonElement Context,
    [property: JsonPropertyName("shapes")] string Shapes
)
{
    public static EcosystemExtensionDocument Of(EcosystemExtension extension)
    {
        ArgumentNullException.ThrowIfNull(extension);
        using var context = JsonDocument.Parse(extension.Context);
        return new(extension.Name, extension.ContextUrl, extension.Digest, context.RootElement.Clone(), extension.Shapes);
    }
}
