using System.Security.Cryptography.X509Certificates;
using System.Text;
using GaiaX.Oid4vc.Credentials.Jose;
using GaiaX.Oid4vc.Credentials.Net;
using GaiaX.Oid4vc.Credentials.X509;

namespace GaiaX.Oid4vc.Credentials.DidWeb;

/// <summary>
/// Fetches a PEM certificate chain from an <c>x5u</c> URL through the SSRF-guarded client
/// (HTTPS only, bounded size and time).
/// </summary>
public sealed class X5uFetcher(HttpClient http, DidWebOptions options)
{
    public const int MaxPemBytes = 64 * 1024;

    public async Task<VerificationResult<IReadOnlyList<X509Certificate2>>> FetchAsync(string x5u, CancellationToken cancellationToken)
    {
        if (
            !Uri.TryCreate(x5u, UriKind.Absolute, out var url)
            || !(
                url.Scheme == Uri.UriSchemeHttps
                || (options.AllowHttpLoopback && url.Scheme == Uri.UriSchemeHttp && DidWebUrl.IsLoopbackHost(url.Host))
            )
        )
        {
            return Fail(VerificationFailure.CertificateMalformed, "x5u must be an HTTPS URL.");
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.AttemptTimeout);
        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            if (response.StatusCode != System.Net.HttpStatusCode.OK)
            {
                return Fail(VerificationFailure.UntrustedChain, $"x5u {url} answered {(int)response.StatusCode}.");
            }
            var body = await GuardedHttpClient.ReadBoundedAsync(response.Content, MaxPemBytes, timeout.Token).ConfigureAwait(false);
            return body is null
                ? Fail(VerificationFailure.Oversized, $"The x5u chain is larger than {MaxPemBytes} bytes.")
                : CertificateChainValidator.ParsePem(Encoding.ASCII.GetString(body));
        }
        catch (HttpRequestException ex) when (GuardedHttpClient.IsAddressRefusal(ex))
        {
            return Fail(VerificationFailure.AddressRefused, $"x5u {url} resolves to an address that may not be reached.");
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            return Fail(VerificationFailure.UntrustedChain, $"x5u {url} could not be fetched.");
        }
    }

    private static VerificationResult<IReadOnlyList<X509Certificate2>> Fail(VerificationFailure reason, string message) =>
        VerificationResult<IReadOnlyList<X509Certificate2>>.Fail(reason, message);
}
