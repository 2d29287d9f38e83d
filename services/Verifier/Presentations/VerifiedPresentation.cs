using GaiaX.Oid4vc.Verifier.Dcql;

namespace GaiaX.Oid4vc.Verifier.Presentations;

/// <summary>A presentation whose signatures, bindings, issuers and validity all checked out.</summary>
public sealed record VerifiedPresentation(IReadOnlyList<PresentedCredential> Credentials);
