using System.Collections.Concurrent;
using System.Text.Json;

namespace GaiaX.Oid4vc.Rdf.JsonLd;

/// <summary>Resolves remote context URLs to documents. Implementations must never fetch from the network on a client's behalf without pinning.</summary>
public interface IDocumentLoader
{
    /// <summary>Returns the pinned document for <paramref name="url"/>.</summary>
    /// <exception cref="JsonLdException">With code <c>loading remote context failed</c> when the URL is not known.</exception>
    RemoteDocument LoadDocument(string url);
}

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

/// <summary>
/// A document loader that only serves pinned documents: an unknown URL is an error, never a fetch.
/// <see cref="CreateDefault"/> pins the contexts shipped in this assembly; production can pin the
/// official files from a folder or registry location instead (later pins replace earlier ones).
/// </summary>
public sealed class OfflineDocumentLoader : IDocumentLoader
{
    private readonly ConcurrentDictionary<string, RemoteDocument> documents = new(StringComparer.Ordinal);

    /// <summary>The URLs that resolve.</summary>
    public IReadOnlyCollection<string> PinnedUrls => documents.Keys.ToArray();

    /// <summary>A loader with our own pinned context documents (VC 2.0 and Gaia-X 25.11).</summary>
    public static OfflineDocumentLoader CreateDefault()
    {
        var loader = new OfflineDocumentLoader();
        loader.Pin(ContextUrls.CredentialsV2, EmbeddedResources.Read("credentials-v2.context.jsonld"));
        loader.Pin(ContextUrls.GaiaX2511, EmbeddedResources.Read("gaiax-25.11.context.jsonld"));
        return loader;
    }

    /// <summary>Pins <paramref name="json"/> as the document served for <paramref name="url"/>.</summary>
    public OfflineDocumentLoader Pin(string url, string json)
    {
        ArgumentException.ThrowIfNullOrEmpty(url);
        documents[url] = new RemoteDocument(url, json);
        return this;
    }

    /// <summary>Pins the content of a file as the document served for <paramref name="url"/>.</summary>
    public OfflineDocumentLoader PinFile(string url, string path) => Pin(url, File.ReadAllText(path));

    public RemoteDocument LoadDocument(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (documents.TryGetValue(url, out var doc))
        {
            return doc;
        }
        // The fragment does not take part in retrieval.
        var hash = url.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0 && documents.TryGetValue(url[..hash], out doc))
        {
            return doc;
        }
        throw new JsonLdException(JsonLdErrorCodes.LoadingRemoteContextFailed, $"{url} is not a pinned context; remote contexts are never fetched");
    }
}

/// <summary>The context URLs our credentials use.</summary>
public static class ContextUrls
{
    /// <summary>The W3C Verifiable Credentials Data Model 2.0 context.</summary>
    public const string CredentialsV2 = "https://www.w3.org/ns/credentials/v2";

    /// <summary>The Gaia-X 25.11 context (the ontology namespace of the 25.11 release).</summary>
    public const string GaiaX2511 = "https://w3id.org/gaia-x/development#";
}

internal static class EmbeddedResources
{
    public static string Read(string name)
    {
        using var stream = typeof(EmbeddedResources).Assembly.GetManifestResourceStream("GaiaX.Oid4vc.Rdf." + name)
            ?? throw new InvalidOperationException("embedded resource missing: " + name);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
