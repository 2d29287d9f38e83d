using Microsoft.AspNetCore.Http;

namespace GaiaX.Oid4vc.Testing;

/// <summary>One webhook call as the receiver got it (headers copied: Kestrel reuses its collections).</summary>
public sealed record ReceivedWebhook(string Method, Uri Url, IHeaderDictionary Headers, byte[] Body);
