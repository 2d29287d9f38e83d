using GaiaX.Oid4vc.Credentials.DidWeb;
using GaiaX.Oid4vc.Credentials.Jose;
using GaiaX.Oid4vc.Credentials.Net;
using GaiaX.Oid4vc.Credentials.Status;
using GaiaX.Oid4vc.Credentials.VcJwt;
using GaiaX.Oid4vc.Credentials.X509;
using GaiaX.Oid4vc.Wallet.Attestation;
using GaiaX.Oid4vc.Wallet.Issuance;
using GaiaX.Oid4vc.Wallet.Presentation;

namespace GaiaX.Oid4vc.Wallet;

/// <summary>
/// The reference wallet: one holder, its credentials, an OID4VCI client and an OID4VP responder,
/// wired over an SSRF-guarded HTTP client (every URL a wallet follows is chosen by someone else).
/// </summary>
public sealed class ReferenceWallet : IDisposable
{
    private readonly List<HeldCredential> _credentials = [];
    private readonly HttpClient _http;
    private readonly HttpClient _didHttp;
    private readonly SigningKey? _instanceKey;
    private readonly SigningKey? _dpopKey;
    private readonly ClientAttestation? _clientAttestation;

    public ReferenceWallet(HolderKey holderKey, string holder, ReferenceWalletOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(holderKey);
        ArgumentNullException.ThrowIfNull(options);
        var guard = new SsrfGuard(new SsrfGuardOptions { AllowLoopback = options.AllowLoopback });
        _http = GuardedHttpClient.Create(guard, options.Timeout);
        var didOptions = new DidWebOptions { AllowHttpLoopback = options.AllowLoopback };
        _didHttp = DidWebResolver.CreateHttpClient(didOptions);
        var chains = new CertificateChainValidator(new TrustAnchors(options.TrustAnchors), time);
        var didKeys = new DidWebKeyResolver(
            new DidWebResolver(_didHttp, didOptions, time),
            chains,
            new X5uFetcher(_didHttp, didOptions),
            time
        );
        Holder = holder;
        HolderKey = holderKey;
        if (options.WalletProvider is { } provider)
        {
            _instanceKey = SigningKey.CreateEs256();
            var instanceJwk = _instanceKey.PublicKey.ToJwk();
            instanceJwk.Remove("alg");
            instanceJwk.Remove("kid");
            _clientAttestation = new ClientAttestation(
                options.WalletClientId,
                provider.AttestClient(options.WalletClientId, instanceJwk, TimeSpan.FromHours(1)),
                _instanceKey
            );
        }
        _dpopKey = options.UseDpop ? SigningKey.CreateEs256() : null;
        Issuance = new Oid4vciClient(_http, holderKey, time)
        {
            DeferredTimeout = options.DeferredTimeout,
            DpopKey = _dpopKey,
            ClientAttestation = _clientAttestation,
            // The development provider asserts the levels the issuer asks for; a real one asserts what the device has.
            KeyAttester = options.WalletProvider is { } attester
                ? (keys, nonce, required) => attester.AttestKeys(keys, nonce, required.KeyStorage, required.UserAuthentication)
                : null,
            EncryptCredentialRequests = options.EncryptCredentialRequests,
            // A did:jwk holder proves possession with its DID URL, so the Issuer binds the credential to the
            // same DID the wallet later presents as; any other kid (did:web) is not resolved by the Issuer.
            ProofWithKeyId = DidJwk.IsDidJwk(holderKey.SigningKey.KeyId),
        };
        // Credentials' status is read at their issuers' lists, signed by keys that chain to the wallet's trust anchors.
        Status = new StatusListClient(
            _http,
            new IssuerKeyResolver(didKeys, new X5cKeyResolver(chains)),
            time,
            new StatusListClientOptions()
        );
        Presentation = new Oid4vpResponder(
            _http,
            new RequestObjectVerifier(didKeys, new X5cKeyResolver(chains), time)
            {
                VerifierAttesters = options.TrustedVerifierAttesters.ToDictionary(a => a.Key, a => (IJwsKeyResolver)KeysOf(a.Value)),
            },
            new VpJwtIssuer(time),
            holderKey,
            holder,
            time
        );
    }

    public string Holder { get; }

    /// <summary>Reads a held credential's status at its issuer's lists.</summary>
    public StatusListClient Status { get; }

    /// <summary>
    /// The status of a held credential: <c>null</c> when it names no status list, otherwise what its issuer's lists
    /// say (unknown when they cannot be had).
    /// </summary>
    public async Task<CredentialStatusResult?> CheckStatusAsync(HeldCredential credential, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credential);
        // The status claims are never selectively disclosable: they are in the claims as held.
        var references = StatusListCredentials.References(credential.Claims);
        if (references.Count == 0)
        {
            return null;
        }
        return await Status.CheckAsync(credential.Issuer ?? "", references, cancellationToken).ConfigureAwait(false);
    }

    public HolderKey HolderKey { get; }

    public Oid4vciClient Issuance { get; }

    public Oid4vpResponder Presentation { get; }

    public IReadOnlyList<HeldCredential> Credentials => _credentials;

    /// <summary>Stores a credential as received (VC-JWT, or SD-JWT when it has disclosures).</summary>
    public HeldCredential Store(string credential)
    {
        ArgumentException.ThrowIfNullOrEmpty(credential);
        var held = credential.Contains('~', StringComparison.Ordinal)
            ? HeldCredential.FromSdJwt(credential)
            : HeldCredential.FromVcJwt(credential);
        _credentials.Add(held);
        return held;
    }

    /// <summary>Receives every credential of a pre-authorized offer and stores it.</summary>
    public async Task<IReadOnlyList<HeldCredential>> ReceiveAsync(
        string offerUri,
        string? transactionCode,
        Action<string>? progress = null,
        CancellationToken cancellationToken = default
    )
    {
        var received = await Issuance
            .ReceivePreAuthorizedAsync(offerUri, transactionCode, progress, cancellationToken)
            .ConfigureAwait(false);
        return received.Select(Store).ToList();
    }

    /// <summary>Answers an <c>openid4vp://</c> request with the stored credentials.</summary>
    public Task<PresentationResponseResult> PresentAsync(string link, CancellationToken cancellationToken = default) =>
        Presentation.RespondAsync(link, _credentials, cancellationToken);

    /// <summary>Declines an <c>openid4vp://</c> request: the verifier is told <c>access_denied</c>.</summary>
    public Task<PresentationResponseResult> DeclineAsync(string link, CancellationToken cancellationToken = default) =>
        Presentation.DeclineAsync(link, cancellationToken);

    public void Dispose()
    {
        _http.Dispose();
        _didHttp.Dispose();
        _instanceKey?.Dispose();
        _dpopKey?.Dispose();
    }

    /// <summary>The keys of a JWKS (JSON text) by <c>kid</c>.</summary>
    private static StaticKeyResolver KeysOf(string jwks)
    {
        var resolver = new StaticKeyResolver();
        foreach (var node in System.Text.Json.Nodes.JsonNode.Parse(jwks)?["keys"]?.AsArray() ?? [])
        {
            if (
                node is System.Text.Json.Nodes.JsonObject jwk
                && (string?)jwk["kid"] is { } kid
                && Jwk.ParsePublic(jwk) is { Succeeded: true } key
            )
            {
                resolver.Add(kid, key.Value);
            }
        }
        return resolver;
    }
}
