namespace GaiaX.Oid4vc.Wallet;

/// <summary>
/// A protocol step failed: the counterpart answered with an OAuth / OpenID4VC error, or sent something
/// the specification does not allow. <see cref="Error"/> is the protocol's error code when there is one.
/// </summary>
public sealed class WalletProtocolException(string error, string? description = null, Exception? inner = null)
    : Exception(description is null ? error : $"{error}: {description}", inner)
{
    public string Error { get; } = error;

    public string? Description { get; } = description;

    /// <summary>Whether the wallet already told the verifier of this refusal (an OpenID4VP error response).</summary>
    public bool ReportedToVerifier { get; init; }
}
