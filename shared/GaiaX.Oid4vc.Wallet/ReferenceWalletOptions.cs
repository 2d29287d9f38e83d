using System.Security.Cryptography.X509Certificates;

namespace GaiaX.Oid4vc.Wallet;

/// <summary>How the reference wallet reaches and trusts the outside world.</summary>
public sealed record ReferenceWalletOptions
{
    /// <summary>Certificates a verifier's request-object key must chain to (the development CA in DevHost).</summary>
    public required IReadOnlyList<X509Certificate2> TrustAnchors { get; init; }

    /// <summary>
    /// Issuers of Verifier Attestation JWTs this wallet trusts for <c>verifier_attestation</c> client identifiers: their
    /// <c>iss</c> and public keys as a JWKS (JSON text).
    /// </summary>
    public IReadOnlyDictionary<string, string> TrustedVerifierAttesters { get; init; } = new Dictionary<string, string>();

    /// <summary>Allow plain HTTP and connections to loopback (DevHost and tests only).</summary>
    public bool AllowLoopback { get; init; }

    /// <summary>Timeout of each outbound call.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Longest wait for a deferred credential.</summary>
    public TimeSpan DeferredTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The wallet provider that attests this wallet instance (client attestation at <c>/par</c> and <c>/token</c>, as
    /// <see cref="WalletClientId"/>) and its holder key (key attestations); HAIP issuers require both.
    /// </summary>
    public Attestation.WalletProvider? WalletProvider { get; init; }

    /// <summary>The client_id of this wallet instance, attested by <see cref="WalletProvider"/>.</summary>
    public string WalletClientId { get; init; } = "gaiax-reference-wallet";

    /// <summary>Bind access tokens with DPoP (RFC 9449), as HAIP requires.</summary>
    public bool UseDpop { get; init; }

    /// <summary>Encrypt credential requests and responses whenever the issuer offers it (OpenID4VCI 1.0 section 10).</summary>
    public bool EncryptCredentialRequests { get; init; }

    /// <summary>Every HAIP option on, with <paramref name="provider"/> attesting the wallet.</summary>
    public ReferenceWalletOptions WithHaip(Attestation.WalletProvider provider) =>
        this with
        {
            WalletProvider = provider,
            UseDpop = true,
            EncryptCredentialRequests = true,
        };
}
