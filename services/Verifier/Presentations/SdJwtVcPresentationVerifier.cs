using System.Text.Json;
using GaiaX.Oid4vc.Credentials;
using GaiaX.Oid4vc.Credentials.Jose;
using GaiaX.Oid4vc.Credentials.SdJwt;
using GaiaX.Oid4vc.Verifier.Dcql;

namespace GaiaX.Oid4vc.Verifier.Presentations;

/// <summary>
/// Verifies <c>dc+sd-jwt</c> presentations (SD-JWT VC, OpenID4VP 1.0 §B.3) with the credential
/// core: the issuer-signed JWT from a trusted issuer and valid now, every disclosure referenced
/// once, and the Key Binding JWT signed with the <c>cnf</c> key with <c>aud</c> = full client
/// identifier, the request <c>nonce</c>, a recent <c>iat</c> and <c>sd_hash</c>; then the
/// <c>transaction_data_hashes</c> the request asked for.
/// </summary>
public sealed class SdJwtVcPresentationVerifier(
    SdJwtVerifier verifier,
    IJwsKeyResolver issuers,
    TrustedIssuerList trustedIssuers,
    TimeProvider time
) : IPresentationVerifier
{
    public string Format => CredentialFormats.SdJwtVc;

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
                "a dc+sd-jwt presentation is an SD-JWT string"
            );
        }
        var text = presentation.GetString()!;
        var options = new SdJwtVerificationOptions
        {
            Audience = expectations.Audience,
            Nonce = expectations.Nonce,
            RequireKeyBinding = expectations.RequireHolderBinding,
        };
        var verified = await verifier.VerifyAsync(text, options, cancellationToken).ConfigureAwait(false);
        if (!verified.Succeeded)
        {
            return PresentationVerificationResult.Fail(
                await CodeForAsync(verified.Error, text, cancellationToken).ConfigureAwait(false),
                verified.Error.Message
            );
        }

        var sd = verified.Value;
        var issuer = sd.IssuerJwt.PayloadString("iss");
        if (!trustedIssuers.Allows(issuer))
        {
            return PresentationVerificationResult.Fail(PresentationFailureCodes.UntrustedIssuer, trustedIssuers.Refusal(issuer));
        }
        if (expectations.TransactionDataHashes is { Count: > 0 } expected)
        {
            var returned =
                sd.KeyBinding is { } kb
                && kb.Payload.TryGetProperty("transaction_data_hashes", out var hashes)
                && hashes.ValueKind == JsonValueKind.Array
                    ? hashes
                        .EnumerateArray()
                        .Where(h => h.ValueKind == JsonValueKind.String)
                        .Select(h => h.GetString()!)
                        .ToHashSet(StringComparer.Ordinal)
                    : [];
            if (!expected.All(returned.Contains))
            {
                return PresentationVerificationResult.Fail(
                    PresentationFailureCodes.InvalidTransactionData,
                    "the Key Binding JWT does not return the hashes of the request's transaction_data"
                );
            }
        }

        string? holder = null;
        if (sd.KeyBinding is not null && sd.Claims["cnf"]?["jwk"] is System.Text.Json.Nodes.JsonObject jwk)
        {
            holder = "urn:ietf:params:oauth:jwk-thumbprint:sha-256:" + Jwk.Thumbprint(jwk);
        }
        var claims = sd.Claims.DeepClone().AsObject();
        claims.Remove("cnf");
        using var document = JsonDocument.Parse(claims.ToJsonString());
        var presented = text.EndsWith('~') ? text : text[..(text.LastIndexOf('~') + 1)];
        return new PresentationVerificationResult(
            new VerifiedPresentation([
                new PresentedCredential
                {
                    Format = CredentialFormats.SdJwtVc,
                    Raw = presented,
                    Claims = document.RootElement.Clone(),
                    Vct = sd.IssuerJwt.PayloadString("vct"),
                    Issuer = issuer,
                    HolderBound = sd.KeyBinding is not null,
                    Holder = holder,
                    AuthorityKeyIdentifiers = JwtVcPresentationVerifier.AuthorityKeyIdentifiers(sd.IssuerKey.CertificateChain),
                },
            ]),
            null,
            null
        );
    }

    /// <summary>
    /// A bad signature may be the issuer's or the holder's (KB-JWT): the issuer-signed JWT is checked
    /// again on its own to tell a tampered credential from a bad holder proof.
    /// </summary>
    private async Task<string> CodeForAsync(VerificationError error, string presentation, CancellationToken cancellationToken)
    {
        switch (error.Reason)
        {
            case VerificationFailure.NonceMismatch
            or VerificationFailure.AudienceMismatch
            or VerificationFailure.SdHashMismatch
            or VerificationFailure.KeyBindingMissing:
                return FailureCodes.ForPresentation(error.Reason);
            case VerificationFailure.InvalidSignature or VerificationFailure.IssuedAtInvalid:
                var issuerJwt = presentation[..Math.Max(0, presentation.IndexOf('~', StringComparison.Ordinal))];
                var issuerOnly = await Jws.VerifyAsync(issuerJwt, JwsPolicy.SdJwtVc, issuers, time, cancellationToken)
                    .ConfigureAwait(false);
                return issuerOnly.Succeeded ? FailureCodes.ForPresentation(error.Reason) : FailureCodes.ForCredential(error.Reason);
            default:
                return FailureCodes.ForCredential(error.Reason);
        }
    }
}
