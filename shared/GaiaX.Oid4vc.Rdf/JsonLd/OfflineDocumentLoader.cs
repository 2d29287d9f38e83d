using System.Collections.Concurrent;

namespace GaiaX.Oid4vc.Rdf.JsonLd;

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
        throw new JsonLdException(
            JsonLdErrorCodes.LoadingRemoteContextFailed,
            $"{url} is not a pinned context; remote contexts are never fetched"
        );
    }
}
