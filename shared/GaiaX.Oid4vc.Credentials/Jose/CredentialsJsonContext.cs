using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace GaiaX.Oid4vc.Credentials.Jose;

/// <summary>Source-generated JSON metadata for the hot paths (no reflection).</summary>
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(JsonArray))]
[JsonSerializable(typeof(JsonNode))]
internal sealed partial class CredentialsJsonContext : JsonSerializerContext;
