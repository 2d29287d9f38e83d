namespace GaiaX.Oid4vc.Verifier.Requests;

/// <summary>What the relying party gets back when it creates a request.</summary>
/// <param name="Request">The stored request.</param>
/// <param name="AuthorizationRequestUri">The wallet invocation URL (the QR code's content).</param>
/// <param name="RequestUri">Where the wallet fetches the signed request object.</param>
/// <param name="StatusUri">Where the relying party reads the request's status (and its QR codes below it).</param>
public sealed record PresentationRequestCreated(
    PresentationRequest Request,
    string AuthorizationRequestUri,
    string RequestUri,
    string StatusUri
);
