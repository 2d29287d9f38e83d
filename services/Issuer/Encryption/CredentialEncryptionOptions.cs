namespace GaiaX.Oid4vc.Issuer.Encryption;

/// <summary>
/// Encryption of credential requests and responses on top of TLS (OpenID4VCI 1.0 section 10), section
/// <c>Issuer:CredentialEncryption</c>.
/// </summary>
public sealed class CredentialEncryptionOptions
{
    /// <summary>Offer encryption (<c>credential_request_encryption</c>, <c>credential_response_encryption</c>; default true).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Refuse credential and deferred credential requests that are not encrypted or ask for a plain response
    /// (<c>encryption_required</c>; default false).</summary>
    public bool Required { get; set; }

    /// <summary>
    /// The PEM (PKCS#8 or SEC1) P-256 private key wallets encrypt requests to; every replica mounts the same one. Empty:
    /// with a development identity a key kept in the identity's data folder, otherwise no encryption is offered.
    /// </summary>
    public string? KeyPath { get; set; }
}
