using GaiaX.Oid4vc.Verifier.Dcql;
using GaiaX.Oid4vc.Verifier.Requests;

namespace GaiaX.Oid4vc.Verifier.Responses;

/// <summary>What a verified response proved: recorded on the request and announced to the other services.</summary>
/// <param name="CredentialsByQuery">The accepted credentials per DCQL credential query id, as the relying party sees them.</param>
/// <param name="Presentations">The <c>vp_token</c> presentations in wire form.</param>
/// <param name="Credentials">Every verified credential they contained.</param>
public sealed record VerifiedPresentations(
    IReadOnlyDictionary<string, IReadOnlyList<VerifiedCredentialView>> CredentialsByQuery,
    IReadOnlyList<string> Presentations,
    IReadOnlyList<PresentedCredential> Credentials
);
