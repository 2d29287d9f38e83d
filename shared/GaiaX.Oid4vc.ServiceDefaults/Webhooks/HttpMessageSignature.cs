using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace GaiaX.Oid4vc.ServiceDefaults.Webhooks;

/// <summary>
/// HTTP Message Signatures (RFC 9421) as webhook deliveries use them: the body's <c>Content-Digest</c>
/// (RFC 9530, sha-256) and a signature labelled <c>sig1</c> over the method, the target URI, the digest
/// and the content type, with <c>created</c>, <c>keyid</c> (a DID URL of the service) and
/// <c>alg="ecdsa-p256-sha256"</c> (the raw r‖s signature, RFC 9421 section 3.3.4).
/// </summary>
public static class HttpMessageSignature
{
    public const string Label = "sig1";
    public const string Algorithm = "ecdsa-p256-sha256";
    public const string Components = "(\"@method\" \"@target-uri\" \"content-digest\" \"content-type\")";

    /// <summary>The <c>Content-Digest</c> field value of <paramref name="body"/>.</summary>
    public static string ContentDigest(ReadOnlySpan<byte> body) => "sha-256=:" + Convert.ToBase64String(SHA256.HashData(body)) + ":";

    /// <summary>The signature parameters (the inner list with its parameters), as in <c>Signature-Input</c>.</summary>
    public static string Parameters(DateTimeOffset created, string keyId) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{Components};created={created.ToUnixTimeSeconds()};keyid=\"{keyId}\";alg=\"{Algorithm}\""
        );

    /// <summary>The signature base (RFC 9421 section 2.5) a signer signs and a verifier rebuilds.</summary>
    public static string SignatureBase(string method, Uri target, string contentDigest, string contentType, string parameters) =>
        string.Join(
            '\n',
            $"\"@method\": {method.ToUpperInvariant()}",
            $"\"@target-uri\": {target.AbsoluteUri}",
            $"\"content-digest\": {contentDigest}",
            $"\"content-type\": {contentType}",
            $"\"@signature-params\": {parameters}"
        );

    /// <summary>
    /// Sets <c>Content-Digest</c>, <c>Signature-Input</c> and <c>Signature</c> on a request whose body is
    /// <paramref name="body"/>.
    /// </summary>
    public static void Sign(
        HttpRequestMessage request,
        byte[] body,
        string contentType,
        Func<byte[], byte[]> sign,
        string keyId,
        DateTimeOffset created
    )
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(sign);
        var digest = ContentDigest(body);
        var parameters = Parameters(created, keyId);
        var signatureBase = SignatureBase(request.Method.Method, request.RequestUri!, digest, contentType, parameters);
        var signature = sign(Encoding.ASCII.GetBytes(signatureBase));
        request.Headers.TryAddWithoutValidation("Content-Digest", digest);
        request.Headers.TryAddWithoutValidation("Signature-Input", $"{Label}={parameters}");
        request.Headers.TryAddWithoutValidation("Signature", $"{Label}=:{Convert.ToBase64String(signature)}:");
    }
}
