namespace GaiaX.Oid4vc.Verifier.Requests;

/// <summary>A stored request with the version (ETag) a compare-and-swap must name.</summary>
public sealed record VersionedPresentationRequest(PresentationRequest Request, string ETag);
