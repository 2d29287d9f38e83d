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

    /// <summary>The components a webhook delivery covers, in the order they are signed.</summary>
    public static readonly IReadOnlyList<string> CoveredComponents = ["@method", "@target-uri", "content-digest", "content-type"];

    /// <summary>The <c>Content-Digest</c> field value of <paramref name="body"/>.</summary>
    public static string ContentDigest(ReadOnlySpan<byte> body) => "sha-256=:" + Convert.ToBase64String(SHA256.HashData(body)) + ":";

    /// <summary>
    /// The signature parameters as in <c>Signature-Input</c> (RFC 9421 section 2.3): the covered component
    /// identifiers as an inner list, then <c>created</c>, <c>keyid</c> and, when given, <c>alg</c>.
    /// </summary>
    public static string Parameters(IEnumerable<string> components, DateTimeOffset created, string keyId, string? algorithm = Algorithm)
    {
        ArgumentNullException.ThrowIfNull(components);
        var parameters = new StringBuilder("(").AppendJoin(' ', components.Select(c => $"\"{c}\"")).Append(')');
        parameters.Append(CultureInfo.InvariantCulture, $";created={created.ToUnixTimeSeconds()};keyid=\"{keyId}\"");
        if (algorithm is not null)
        {
            parameters.Append(CultureInfo.InvariantCulture, $";alg=\"{algorithm}\"");
        }
        return parameters.ToString();
    }

    /// <summary>
    /// The signature base (RFC 9421 section 2.5) a signer signs and a verifier rebuilds: a line
    /// <c>"name": value</c> per covered component, in order, then <c>"@signature-params"</c>.
    /// </summary>
    public static string SignatureBase(IEnumerable<(string Name, string Value)> components, string parameters)
    {
        ArgumentNullException.ThrowIfNull(components);
        var signatureBase = new StringBuilder();
        foreach (var (name, value) in components)
        {
            signatureBase.Append('"').Append(name).Append("\": ").Append(value).Append('\n');
        }
        return signatureBase.Append("\"@signature-params\": ").Append(parameters).ToString();
    }

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
        var parameters = Parameters(CoveredComponents, created, keyId);
        var signatureBase = SignatureBase(
            [
                ("@method", request.Method.Method.ToUpperInvariant()),
                ("@target-uri", request.RequestUri!.AbsoluteUri),
                ("content-digest", digest),
                ("content-type", contentType),
            ],
            parameters
        );
        var signature = sign(Encoding.ASCII.GetBytes(signatureBase));
        request.Headers.TryAddWithoutValidation("Content-Digest", digest);
        request.Headers.TryAddWithoutValidation("Signature-Input", $"{Label}={parameters}");
        request.Headers.TryAddWithoutValidation("Signature", $"{Label}=:{Convert.ToBase64String(signature)}:");
    }
}
