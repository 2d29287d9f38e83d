using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace GaiaX.Oid4vc.Registry.Api;

/// <summary>A JSON-LD context document as <c>/context/{version}</c> serves it: its <c>@context</c>.</summary>
public sealed record ContextDocument([property: JsonPropertyName("@context")] JsonObject Context);
