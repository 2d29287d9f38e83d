namespace GaiaX.Oid4vc.Rdf.JsonLd;

/// <summary>Resolves remote context URLs to documents. Implementations must never fetch from the network on a client's behalf without
/// pinning.</summary>
public interface IDocumentLoader
{
    /// <summary>Returns the pinned document for <paramref name="url"/>.</summary>
    /// <exception cref="JsonLdException">With code <c>loading remote context failed</c> when the URL is not known.</exception>
    RemoteDocument LoadDocument(string url);
}
