using System.Text.Json.Nodes;

namespace GaiaX.Oid4vc.WebConsole.Apis;

/// <summary>
/// What a service answered: the status code and the JSON body, or why it could not be asked (<see cref="StatusCode"/> 0).
/// A problem's <c>errors</c> (<c>{"pointer", "detail"}</c>) are read into <see cref="Errors"/>, so pages show each
/// message at the field it is about.
/// </summary>
public sealed record ApiResponse(ServiceApi Service, int StatusCode, JsonNode? Body, string? Failure = null)
{
    public bool IsSuccess => StatusCode is >= 200 and < 300;

    public JsonObject? Object => Body as JsonObject;

    public IReadOnlyList<FieldError> Errors =>
        Body?["errors"] is JsonArray errors
            ?
            [
                .. errors
                    .OfType<JsonObject>()
                    .Select(e => new FieldError(e["pointer"]?.GetValue<string>() ?? "", e["detail"]?.GetValue<string>() ?? "")),
            ]
            : [];

    /// <summary>One sentence for the page: the problem's detail or title, or why the service could not be asked.</summary>
    public string Message =>
        Failure
        ?? (Body as JsonObject)?["detail"]?.ToString()
        ?? (Body as JsonObject)?["error_description"]?.ToString()
        ?? (Body as JsonObject)?["title"]?.ToString()
        ?? (IsSuccess ? "OK" : $"The {Service} answered {StatusCode}.");
}
