using System.Text.Json.Serialization;

namespace GaiaX.Oid4vc.Registry.Api;

/// <summary>
/// An error as the Gaia-X Lab registry answers it (<c>{"statusCode": 409, "message": reason, "error": "Conflict"}</c>), so
/// that clients written against it read our reasons the same way.
/// </summary>
public sealed record RegistryError(
    [property: JsonPropertyName("statusCode")] int StatusCode,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("error")] string Error
);
