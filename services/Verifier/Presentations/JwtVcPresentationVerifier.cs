using System.Buffers.Text;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using GaiaX.Oid4vc.Credentials;
using GaiaX.Oid4vc.Credentials.Jose;
using GaiaX.Oid4vc.Credentials.VcJwt;
using GaiaX.Oid4vc.Rdf.JsonLd;
using GaiaX.Oid4vc.ServiceDefaults;
using GaiaX.Oid4vc.Verifier.Dcql;

namespace GaiaX.Oid4vc.Verifier.Presentations;

/// <summary>
/// Verifies <c>jwt_vc_json</c> presentations with the credential core: a VP-JWT (<c>typ:
/// vp+jwt</c>) signed by the holder and bound to the verifier (<c>aud</c> = full client identifier)
/// and the request (<c>nonce</c>), enveloping VC-JWTs each signed by a trusted issuer (did:web key
/// with its certificate chain to a trust anchor, or x5c) and valid now. When the query waives holder
/// binding, a bare VC-JWT is accepted instead (OpenID4VP 1.0 §B.1).
/// </summary>
public sealed class JwtVcPresentationVerifier : IPresentationVerifier
{
    private readonly VcJwtVerifier _credentials;
    private readonly VpJwtVerifier _presentations;
    private readonly TrustedIssuerList _trustedIssuers;

    public JwtVcPresentationVerifier(
        VcJwtVerifier credentials,
        HolderKeyResolver holders,
        TrustedIssuerList trustedIssuers,
        TimeProvider time
    )
    {
        _credentials = credentials;
        _trustedIssuers = trustedIssuers;
        _presentations = new VpJwtVerifier(holders, credentials, time) { MaxCredentials = 16 };
    }

    public string Format => CredentialFormats.JwtVcJson;

    public async Task<PresentationVerificationResult> VerifyAsync(
        JsonElement presentation,
        PresentationExpectations expectations,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(expectations);
        if (presentation.ValueKind != JsonValueKind.String)
        {
            return PresentationVerificationResult.Fail(
                PresentationFailureCodes.InvalidPresentation,
                "a jwt_vc_json presentation is a VP-JWT string"
            );
        }
        var token = presentation.GetString()!;

        if (!expectations.RequireHolderBinding && IsCredential(token))
        {
            var bare = await _credentials.VerifyAsync(token, cancellationToken).ConfigureAwait(false);
            if (!bare.Succeeded)
            {
                return PresentationVerificationResult.Fail(FailureCodes.ForCredential(bare.Error.Reason), bare.Error.Message);
            }
            return Accept([Credential(bare.Value, holder: null)]);
        }

        var binding = new PresentationBinding { Audience = expectations.Audience, Nonce = expectations.Nonce };
        var verified = await _presentations.VerifyAsync(token, binding, cancellationToken).ConfigureAwait(false);
        if (!verified.Succeeded)
        {
            var error = verified.Error;
            if (error.Reason == VerificationFailure.EnvelopedCredentialInvalid && error.Inner.Count > 0)
            {
                return PresentationVerificationResult.Fail(FailureCodes.ForCredential(error.Inner[0].Reason), error.Inner[0].Message);
            }
            return PresentationVerificationResult.Fail(FailureCodes.ForPresentation(error.Reason), error.Message);
        }
        var vp = verified.Value;
        if (vp.Credentials.Count == 0)
        {
            return PresentationVerificationResult.Fail(
                PresentationFailureCodes.InvalidPresentation,
                "the VP-JWT holds no verifiableCredential"
            );
        }
        // The VP's signature proves possession of the presenter's key only: each credential must be
        // bound to that key or DID, or it is someone else's credential (OpenID4VP 1.0 §14.1.2).
        var credentials = new List<PresentedCredential>(vp.Credentials.Count);
        for (var i = 0; i < vp.Credentials.Count; i++)
        {
            var holderBinding = HolderBinding.Check(vp.Credentials[i].Credential, vp.Holder, vp.Key.Key);
            switch (holderBinding.Outcome)
            {
                case HolderBindingOutcome.Mismatch:
                    return PresentationVerificationResult.Fail(
                        PresentationFailureCodes.HolderBindingMismatch,
                        $"verifiableCredential[{i}]: {holderBinding.Reason}"
                    );
                case HolderBindingOutcome.Unbound when expectations.RequireHolderBinding:
                    return PresentationVerificationResult.Fail(
                        PresentationFailureCodes.HolderBindingMissing,
                        $"verifiableCredential[{i}]: {holderBinding.Reason}, so it cannot be presented with cryptographic holder binding"
                    );
            }
            var bound = holderBinding.Outcome == HolderBindingOutcome.Bound;
            credentials.Add(Credential(vp.Credentials[i], bound ? vp.Holder : null));
        }
        return Accept(credentials);
    }

    private PresentationVerificationResult Accept(IReadOnlyList<PresentedCredential> credentials)
    {
        var untrusted = credentials.FirstOrDefault(c => !_trustedIssuers.Allows(c.Issuer));
        return untrusted is not null
            ? PresentationVerificationResult.Fail(PresentationFailureCodes.UntrustedIssuer, _trustedIssuers.Refusal(untrusted.Issuer))
            : new PresentationVerificationResult(new VerifiedPresentation(credentials), null, null);
    }

    private static PresentedCredential Credential(VerifiedCredential credential, string? holder) =>
        new()
        {
            Format = CredentialFormats.JwtVcJson,
            Raw = credential.Jws.Compact,
            Claims = credential.Jws.Payload.Clone(),
            Types = TypesOf(credential.Jws.Payload),
            Issuer = credential.Issuer,
            HolderBound = holder is not null,
            Holder = holder,
            AuthorityKeyIdentifiers = AuthorityKeyIdentifiers(credential.Key.CertificateChain),
        };

    /// <summary>Whether the token's header says it is a credential rather than a presentation.</summary>
    private static bool IsCredential(string token)
    {
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0)
        {
            return false;
        }
        try
        {
            var (document, _) = JsonRequestBody.Parse(Base64Url.DecodeFromChars(token.AsSpan(0, dot)));
            using var header = document;
            return header is not null
                && header.RootElement.ValueKind == JsonValueKind.Object
                && header.RootElement.TryGetProperty("typ", out var typ)
                && typ.ValueKind == JsonValueKind.String
                && JwsPolicy.VcJwt.AllowedTypes.Contains(typ.GetString()!);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return false;
        }
    }

    /// <summary>The contexts the Verifier knows offline (VC 2.0, Gaia-X); a credential's context is never fetched.</summary>
    private static readonly OfflineDocumentLoader ContextLoader = OfflineDocumentLoader.CreateDefault();

    /// <summary>
    /// The credential's types expanded against its own <c>@context</c>: DCQL <c>type_values</c> name
    /// fully expanded IRIs (OpenID4VP 1.0 appendix B.1.1).
    /// </summary>
    private static IReadOnlyList<string> TypesOf(JsonElement credential) => JsonLdTypes.Expand(credential, ContextLoader);

    /// <summary>Base64url key identifiers of the authorities in a validated chain (DCQL <c>trusted_authorities</c> type
    /// <c>aki</c>).</summary>
    internal static List<string> AuthorityKeyIdentifiers(IReadOnlyList<X509Certificate2> chain) =>
        chain
            .Select(c => c.Extensions.OfType<X509AuthorityKeyIdentifierExtension>().FirstOrDefault()?.KeyIdentifier)
            .Where(k => k is not null)
            .Select(k => Base64Url.EncodeToString(k!.Value.Span))
            .ToList();
}
