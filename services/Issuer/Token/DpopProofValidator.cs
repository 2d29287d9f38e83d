using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GaiaX.Oid4vc.Issuer.Protocol;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Issuer.Token;

/// <summary>
/// Validates a DPoP proof JWT (RFC 9449 section 4.3): <c>typ: dpop+jwt</c>, an asymmetric
/// <c>alg</c>, a public <c>jwk</c> that verifies the signature, <c>htm</c> and <c>htu</c> of this
/// request, a recent <c>iat</c>, a <c>jti</c> not seen before, and <c>ath</c> when an access token
/// is presented. Returns the key's RFC 7638 thumbprint.
/// </summary>
public sealed class DpopProofValidator(IDpopReplayCache replays, TimeProvider time, IOptions<IssuerOptions> options)
{
    public const string HeaderName = "DPoP";

    public async Task<Outcome<string>> ValidateAsync(string proof, string method, string url, string? accessToken, CancellationToken cancellationToken)
    {
        using var jws = CompactJws.TryParse(proof, 8 * 1024);
        if (jws is null)
        {
            return Fail("the DPoP proof is not a compact JWS");
        }
        if (jws.HeaderString("typ") != "dpop+jwt")
        {
            return Fail("the DPoP proof's typ must be dpop+jwt");
        }
        var alg = jws.HeaderString("alg");
        if (!JoseAlgorithms.IsAllowed(alg))
        {
            return Fail("the DPoP proof's alg is not an allowed asymmetric algorithm");
        }
        if (!jws.Header.TryGetProperty("jwk", out var jwkElement))
        {
            return Fail("the DPoP proof has no jwk header");
        }
        using var jwk = PublicJwk.TryParse(jwkElement, out var problem);
        if (jwk is null)
        {
            return Fail("the DPoP proof's " + problem);
        }
        if (!jwk.Verify(alg!, jws.SigningInput, jws.Signature))
        {
            return Fail("the DPoP proof's signature does not verify with its jwk");
        }
        var payload = jws.Payload;
        if (Str(payload, "htm") != method)
        {
            return Fail("the DPoP proof's htm does not match the request method");
        }
        if (!SameUri(Str(payload, "htu"), url))
        {
            return Fail("the DPoP proof's htu does not match the request URL");
        }
        if (!payload.TryGetProperty("iat", out var iatElement) || !iatElement.TryGetInt64(out var iat))
        {
            return Fail("the DPoP proof has no iat");
        }
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        if (iat < now - options.Value.ProofMaxAgeSeconds || iat > now + options.Value.ClockSkewSeconds)
        {
            return Fail("the DPoP proof's iat is outside the accepted window");
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
        var window = TimeSpan.FromSeconds(options.Value.ProofMaxAgeSeconds + options.Value.ClockSkewSeconds);
        if (!await replays.TryRememberAsync(jwk.Thumbprint + ":" + jti, window, cancellationToken).ConfigureAwait(false))
        {
            return Fail("the DPoP proof was already used (jti replay)");
        }
        return Outcome<string>.Success(jwk.Thumbprint);
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
        return Uri.Compare(a, b, UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0
            && string.Equals(a.AbsolutePath, b.AbsolutePath, StringComparison.Ordinal);
    }
}
