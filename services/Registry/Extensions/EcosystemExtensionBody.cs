using System.Text.Json;
using System.Text.Json.Serialization;

namespace GaiaX.Oid4vc.Registry.Extensions;

/// <summary>
/// An extension as registered: the context URL credentials list, the context document (a JSON object with
/// <c>@context</c>) and the shapes as Turtle.
/// </summary>
public sealed record EcosystemExtensionBody(
    [property: JsonPropertyName("contextUrl")] string? ContextUrl,
    [property: JsonPropertyName("context")] JsonElement? Context,
    [property: JsonPropertyName("shapes")] string? Shapes
);
