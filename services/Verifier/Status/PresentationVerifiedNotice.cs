using GaiaX.Oid4vc.Verifier.Dcql;
using GaiaX.Oid4vc.Verifier.Requests;

namespace GaiaX.Oid4vc.Verifier.Status;

/// <summary>A verified presentation, as announced to the other services.</summary>
/// <param name="Request">The request in its verified state.</param>
/// <param name="Presentations">The <c>vp_token</c> presentations in wire form.</param>
/// <param name="Credentials">Every verified credential they contained.</param>
public sealed record PresentationVerifiedNotice(
    PresentationRequest Request,
    IReadOnlyList<string> Presentations,
    IReadOnlyList<PresentedCredential> Credentials
);
