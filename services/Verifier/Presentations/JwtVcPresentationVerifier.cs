using System.Text.Json;
using GaiaX.Oid4vc.Verifier.Dcql;

namespace GaiaX.Oid4vc.Verifier.Presentations;

/// <summary>
/// Verifies <c>jwt_vc_json</c> presentations: a VP-JWT (<c>typ: vp+jwt</c>) signed by the holder,
/// bound to the verifier (<c>aud</c> = full client identifier) and the request (<c>nonce</c>),
/// enveloping VC-JWTs (<c>data:application/vc+jwt,…</c>) each signed by a trusted issuer and valid now.
/// </summary>
public sealed class JwtVcPresentationVerifier(IIssuerKeyResolver issuers, IHolderKeyResolver holders, TimeProvider time) : IPresentationVerifier
{
    private const string EnvelopePrefix = "data:application/vc+jwt,";
    private const int MaxCredentials = 16;

    private static readonly string[] PresentationTypes = ["vp+jwt", "vp+ld+jwt", "vp+ld+json+jwt"];
    private static readonly string[] CredentialTypes = ["vc+jwt", "vc+ld+jwt", "vc+ld+json+jwt"];

    public string Format => CredentialFormats.JwtVcJson;

    public async Task<PresentationVerificationResult> VerifyAsync(JsonElement presentation, PresentationExpectations expectations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(expectations);
        if (presentation.ValueKind != JsonValueKind.String)
        {
            return PresentationVerificationResult.Fail(PresentationFailureCodes.InvalidPresentation, "a jwt_vc_json presentation is a VP-JWT string");
        }
        using var vp = CompactJwsToken.TryParse(presentation.GetString());
        if (vp is null)
        {
            return PresentationVerificationResult.Fail(PresentationFailureCodes.InvalidPresentation, "the presentation is not a compact JWS");
        }
        if (!expectations.RequireHolderBinding && vp.Type is not null && CredentialTypes.Contains(vp.Type))
        {
            // §B.1: without holder binding the wallet returns the credential itself, not a presentation.
            var (bare, bareCode, bareFailure) = await VerifyCredentialAsync(vp.Raw, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            return bare is null
                ? PresentationVerificationResult.Fail(bareCode!, bareFailure!)
                : new PresentationVerificationResult(new VerifiedPresentation([bare]), null, null);
        }
        if (vp.Type is null || !PresentationTypes.Contains(vp.Type))
        {
            return PresentationVerificationResult.Fail(PresentationFailureCodes.InvalidPresentation, $"the VP-JWT typ must be vp+jwt, not '{vp.Type}'");
        }
        if (vp.Algorithm is null || !CompactJwsToken.AllowedAlgorithms.Contains(vp.Algorithm))
        {
            return PresentationVerificationResult.Fail(PresentationFailureCodes.UnsupportedAlgorithm, $"the VP-JWT alg '{vp.Algorithm}' is not accepted");
        }
        var holderKey = await holders.ResolveAsync(vp, cancellationToken).ConfigureAwait(false);
        if (holderKey is null)
        {
            return PresentationVerificationResult.Fail(PresentationFailureCodes.InvalidPresentationSignature, "the holder's key could not be resolved from the VP-JWT kid");
        }
        if (!vp.VerifySignature(holderKey))
        {
            return PresentationVerificationResult.Fail(PresentationFailureCodes.InvalidPresentationSignature, "the VP-JWT signature does not verify with the holder's key");
        }
        if (!AudienceMatches(vp.Payload, expectations.Audience))
        {
            return PresentationVerificationResult.Fail(PresentationFailureCodes.InvalidAudience, $"the VP-JWT aud is not the client identifier '{expectations.Audience}'");
        }
        if (vp.PayloadString("nonce") != expectations.Nonce)
        {
            return PresentationVerificationResult.Fail(PresentationFailureCodes.InvalidNonce, "the VP-JWT nonce is not the request's nonce");
        }
        var now = time.GetUtcNow();
        if (Validity.CheckJwtWindow(vp, now, PresentationFailureCodes.PresentationExpired, PresentationFailureCodes.InvalidPresentation, "the VP-JWT") is { } window)
        {
            return PresentationVerificationResult.Fail(window.Code, window.Message);
        }

        var root = vp.Payload.TryGetProperty("vp", out var legacy) && legacy.ValueKind == JsonValueKind.Object ? legacy : vp.Payload;
        if (!root.TryGetProperty("verifiableCredential", out var credentialsJson))
        {
            return PresentationVerificationResult.Fail(PresentationFailureCodes.InvalidPresentation, "the VP-JWT holds no verifiableCredential");
        }
        var envelopes = credentialsJson.ValueKind == JsonValueKind.Array ? credentialsJson.EnumerateArray().ToList() : [credentialsJson];
        if (envelopes.Count is 0 or > MaxCredentials)
        {
            return PresentationVerificationResult.Fail(PresentationFailureCodes.InvalidPresentation, $"a VP-JWT holds 1 to {MaxCredentials} credentials");
        }

        var credentials = new List<PresentedCredential>();
        foreach (var envelope in envelopes)
        {
            var jwt = EnvelopedJwt(envelope);
            if (jwt is null)
            {
                return PresentationVerificationResult.Fail(PresentationFailureCodes.InvalidCredential, "each verifiableCredential must be an EnvelopedVerifiableCredential with a data:application/vc+jwt id");
            }
            var (credential, code, failure) = await VerifyCredentialAsync(jwt, now, cancellationToken).ConfigureAwait(false);
            if (credential is null)
            {
                return PresentationVerificationResult.Fail(code!, failure!);
            }
            credentials.Add(credential with { HolderBound = true, Holder = vp.PayloadString("iss") ?? vp.PayloadString("holder") ?? vp.KeyId?.Split('#')[0] });
        }
        return new PresentationVerificationResult(new VerifiedPresentation(credentials), null, null);
    }

    private async Task<(PresentedCredential? Credential, string? Code, string? Failure)> VerifyCredentialAsync(string jwt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        using var vc = CompactJwsToken.TryParse(jwt);
        if (vc is null)
        {
            return (null, PresentationFailureCodes.InvalidCredential, "an enveloped credential is not a compact JWS");
        }
        if (vc.Type is null || !CredentialTypes.Contains(vc.Type))
        {
            return (null, PresentationFailureCodes.InvalidCredential, $"the VC-JWT typ must be vc+jwt, not '{vc.Type}'");
        }
        if (vc.Algorithm is null || !CompactJwsToken.AllowedAlgorithms.Contains(vc.Algorithm))
        {
            return (null, PresentationFailureCodes.UnsupportedAlgorithm, $"the VC-JWT alg '{vc.Algorithm}' is not accepted");
        }
        var body = vc.Payload.TryGetProperty("vc", out var legacy) && legacy.ValueKind == JsonValueKind.Object ? legacy : vc.Payload;
        var issuer = IssuerOf(body) ?? vc.PayloadString("iss");
        if (vc.PayloadString("iss") is { } iss && issuer is not null && iss != issuer)
        {
            return (null, PresentationFailureCodes.InvalidCredential, "the VC-JWT iss differs from the credential's issuer");
        }
        var resolution = await issuers.ResolveAsync(vc, issuer, cancellationToken).ConfigureAwait(false);
        if (resolution.Key is null)
        {
            return (null, resolution.FailureCode, resolution.Failure);
        }
        if (!vc.VerifySignature(resolution.Key.Key))
        {
            return (null, PresentationFailureCodes.InvalidCredentialSignature, $"the signature of the credential from '{issuer}' does not verify");
        }
        var window = Validity.CheckJwtWindow(vc, now, PresentationFailureCodes.CredentialExpired, PresentationFailureCodes.CredentialNotYetValid, "the credential")
            ?? Validity.CheckVcdmWindow(body, now);
        if (window is { } outside)
        {
            return (null, outside.Code, outside.Message);
        }
        return (new PresentedCredential
        {
            Format = CredentialFormats.JwtVcJson,
            Raw = jwt,
            Claims = body.Clone(),
            Types = TypesOf(body),
            Issuer = issuer,
            AuthorityKeyIdentifiers = resolution.Key.AuthorityKeyIdentifiers,
        }, null, null);
    }

    private static bool AudienceMatches(JsonElement payload, string audience) =>
        payload.TryGetProperty("aud", out var aud) && (aud.ValueKind switch
        {
            JsonValueKind.String => aud.GetString() == audience,
            JsonValueKind.Array => aud.EnumerateArray().Any(a => a.ValueKind == JsonValueKind.String && a.GetString() == audience),
            _ => false,
        });

    private static string? EnvelopedJwt(JsonElement envelope)
    {
        if (envelope.ValueKind == JsonValueKind.String)
        {
            // VCDM 1.1-style VP-JWTs list the VC-JWTs themselves.
            return envelope.GetString();
        }
        if (envelope.ValueKind == JsonValueKind.Object && envelope.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
            && id.GetString()!.StartsWith(EnvelopePrefix, StringComparison.Ordinal))
        {
            return id.GetString()![EnvelopePrefix.Length..];
        }
        return null;
    }

    private static string? IssuerOf(JsonElement credential) =>
        credential.TryGetProperty("issuer", out var issuer) ? issuer.ValueKind switch
        {
            JsonValueKind.String => issuer.GetString(),
            JsonValueKind.Object when issuer.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String => id.GetString(),
            _ => null,
        } : null;

    private static List<string> TypesOf(JsonElement credential) =>
        !credential.TryGetProperty("type", out var type) ? []
        : type.ValueKind == JsonValueKind.String ? [type.GetString()!]
        : type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!).ToList()
        : [];
}
