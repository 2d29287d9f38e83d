using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GaiaX.Oid4vc.Credentials.Jose;
using GaiaX.Oid4vc.Credentials.Protocol;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Issuer.Token;

/// <summary>
/// Validates a DPoP proof JWT (RFC 9449 section 4.3). The credential core checks the JOSE part
/// (<c>typ: dpop+jwt</c>, an allowed asymmetric <c>alg</c>, a public <c>jwk</c> that verifies the
/// signature, a recent <c>iat</c>); this adds <c>htm</c> and <c>htu</c> of this request, <c>ath</c>
/// when an access token is presented, the server's nonce when required or present (sections 8 and 9), and a <c>jti</c>
/// not seen before. Returns the key's RFC 7638
/// thumbprint.
/// </summary>
public sealed class DpopProofValidator(
    IJwtReplayCache replays,
    HeaderJwkResolver keys,
    DpopNonces nonces,
    TimeProvider time,
    IOptions<IssuerOptions> options
)
{
    public const string HeaderName = "DPoP";

    private readonly JwsPolicy _policy = new()
    {
        AllowedTypes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "dpop+jwt" },
        RequireIssuedAt = true,
        MaxAge = TimeSpan.FromSeconds(options.Value.ProofMaxAgeSeconds),
        ClockSkew = TimeSpan.FromSeconds(options.Value.ClockSkewSeconds),
        MaxTokenLength = 8 * 1024,
    };

    public async Task<Outcome<string>> ValidateAsync(
        string proof,
        string method,
        string url,
        string? accessToken,
        CancellationToken cancellationToken
    )
    {
        var verified = await Jws.VerifyAsync(proof, _policy, keys, time, cancellationToken).ConfigureAwait(false);
        if (!verified.Succeeded)
        {
            return Fail("the DPoP proof is invalid: " + verified.Error.Message);
        }
        if (!verified.Value.Jws.Header.TryGetProperty("jwk", out _))
        {
            return Fail("the DPoP proof must carry its public key in jwk");
        }
        var payload = verified.Value.Payload;
        if (Str(payload, "htm") != method)
        {
            return Fail("the DPoP proof's htm does not match the request method");
        }
        if (!SameUri(Str(payload, "htu"), url))
        {
            return Fail("the DPoP proof's htu does not match the request URL");
        }
        if (
            payload.TryGetProperty("iat", out var iat)
            && iat.TryGetInt64(out var issued)
            && issued > time.GetUtcNow().ToUnixTimeSeconds() + options.Value.ClockSkewSeconds
        )
        {
            return Fail("the DPoP proof's iat lies in the future");
        }
        if (accessToken is not null)
        {
            var expected = System.Buffers.Text.Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(accessToken)));
            if (Str(payload, "ath") != expected)
            {
                return Fail("the DPoP proof's ath does not match the access token");
            }
        }
        var jti = Str(payload, "jti");
        if (string.IsNullOrEmpty(jti) || jti.Length > 256)
        {
            return Fail("the DPoP proof has no jti");
        }
        // RFC 9449 section 8: a missing or stale nonce is use_dpop_nonce with a fresh one; the proof's jti stays unspent.
        var nonce = Str(payload, "nonce");
        if (
            (options.Value.RequireDpopNonce || payload.TryGetProperty("nonce", out _))
            && !(nonce is not null && await nonces.IsFreshAsync(nonce, cancellationToken).ConfigureAwait(false))
        )
        {
            return Outcome<string>.Fail(
                new ProtocolError(
                    ErrorCodes.UseDpopNonce,
                    nonce is null
                        ? "the DPoP proof must carry the nonce given in DPoP-Nonce"
                        : "the DPoP nonce is not one this server gave, or it expired"
                )
                {
                    DpopNonce = await nonces.IssueAsync(cancellationToken).ConfigureAwait(false),
                }
            );
        }
        var thumbprint = verified.Value.Key.KeyId ?? verified.Value.Key.Key.Thumbprint();
        var window = TimeSpan.FromSeconds(options.Value.ProofMaxAgeSeconds + (2 * options.Value.ClockSkewSeconds));
        if (
            !await replays
                .TryRememberAsync(JwtReplayCache.DpopProofs, thumbprint + ":" + jti, window, cancellationToken)
                .ConfigureAwait(false)
        )
        {
            return Fail("the DPoP proof was already used (jti replay)");
        }
        return Outcome<string>.Success(thumbprint);
    }

    private static Outcome<string> Fail(string description) =>
        Outcome<string>.Fail(new ProtocolError(ErrorCodes.InvalidDpopProof, description));

    private static string? Str(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>RFC 9449 section 4.3: compare without query and fragment, after syntax normalization.</summary>
    private static bool SameUri(string? htu, string url)
    {
        if (htu is null || !Uri.TryCreate(htu, UriKind.Absolute, out var a) || !Uri.TryCreate(url, UriKind.Absolute, out var b))
        {
            return false;
        }
        return Uri.Compare(
                a,
                b,
                UriComponents.SchemeAndServer | UriComponents.Path,
                UriFormat.Unescaped,
                StringComparison.OrdinalIgnoreCase
            ) == 0
            && string.Equals(a.AbsolutePath, b.AbsolutePath, StringComparison.Ordinal);
    }
}
