namespace GaiaX.Oid4vc.Verifier.Requests;

/// <summary>A wallet's fetch of the request URI that may be answered with the request object.</summary>
/// <param name="Stored">The request, with the version its retrieval is recorded against.</param>
/// <param name="WalletNonce">The wallet's <c>wallet_nonce</c> (request URI method <c>post</c>), echoed in the object.</param>
/// <param name="WalletIssuer">The <c>issuer</c> of the wallet's metadata, which becomes the object's <c>aud</c>.</param>
public sealed record ValidatedRequestObjectRequest(VersionedPresentationRequest Stored, string? WalletNonce, string? WalletIssuer);
