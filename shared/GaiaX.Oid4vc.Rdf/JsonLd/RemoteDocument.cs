using System.Text.Json;

namespace GaiaX.Oid4vc.Rdf.JsonLd;

/// <summary>
/// A loaded context document. Instances are long-lived and shared: the processed form of the
/// context is cached on them (keyed by the context it is applied to), so a pinned context is
/// processed once, not on every credential.
/// </summary>
public sealed class RemoteDocument
{
    private readonly JsonDocument document;

    public RemoteDocument(string url, string json)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(json);
        Url = url;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            throw new JsonLdException(JsonLdErrorCodes.InvalidRemoteContext, $"{url} is not valid JSON: {e.Message}");
        }
    }

    public string Url { get; }

    public JsonElement Document => document.RootElement;
}
