using System.Globalization;
using System.Net;
using System.Text;
using GaiaX.Oid4vc.Credentials.Jose;

namespace GaiaX.Oid4vc.Credentials.DidWeb;

/// <summary>
/// The did:web method's mapping between DIDs and HTTPS URLs: <c>did:web:example.com</c> →
/// <c>https://example.com/.well-known/did.json</c>; <c>did:web:example.com%3A8443:issuers:1</c> →
/// <c>https://example.com:8443/issuers/1/did.json</c>.
/// </summary>
public static class DidWebUrl
{
    public const string Prefix = "did:web:";

    /// <summary>
    /// The URL of the DID document. HTTPS only; with <paramref name="allowHttpLoopback"/> (development)
    /// a loopback host (127.0.0.1, ::1, localhost) is fetched over plain HTTP.
    /// </summary>
    public static VerificationResult<Uri> ToDocumentUrl(string? did, bool allowHttpLoopback = false)
    {
        if (did is null || !did.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return Fail("Not a did:web DID.");
        }
        if (did.Length > 2048)
        {
            return VerificationResult<Uri>.Fail(VerificationFailure.Oversized, "The DID is too long.");
        }
        if (did.AsSpan().IndexOfAny('#', '?', '/') >= 0)
        {
            return Fail("A DID (not a DID URL) has no path, query or fragment.");
        }
        var segments = did[Prefix.Length..].Split(':');
        if (segments.Any(s => s.Length == 0))
        {
            return Fail("The DID has an empty segment.");
        }
        // The host part may percent-encode only the port's colon.
        var authority = segments[0];
        var portSeparator = authority.IndexOf("%3A", StringComparison.OrdinalIgnoreCase);
        var host = portSeparator < 0 ? authority : authority[..portSeparator];
        int? port = null;
        if (portSeparator >= 0)
        {
            if (
                !int.TryParse(authority[(portSeparator + 3)..], NumberStyles.None, CultureInfo.InvariantCulture, out var p)
                || p is < 1 or > 65535
            )
            {
                return Fail("The DID's port is not a port number.");
            }
            port = p;
        }
        if (!IsHost(host))
        {
            return Fail($"'{host}' is not a host name.");
        }
        var path = new StringBuilder();
        foreach (var segment in segments.Skip(1))
        {
            var decoded = Uri.UnescapeDataString(segment);
            if (decoded is "." or ".." || decoded.AsSpan().IndexOfAny('/', '\\', '?') >= 0 || decoded.Any(char.IsControl))
            {
                return Fail("A DID path segment may not contain '/', '?', '..' or control characters.");
            }
            path.Append('/').Append(Uri.EscapeDataString(decoded));
        }
        var loopback = IsLoopbackHost(host);
        var scheme = allowHttpLoopback && loopback ? "http" : "https";
        var documentPath = path.Length == 0 ? "/.well-known/did.json" : path + "/did.json";
        var portPart = port is null ? "" : ":" + port.Value.ToString(CultureInfo.InvariantCulture);
        return Uri.TryCreate($"{scheme}://{host}{portPart}{documentPath}", UriKind.Absolute, out var url)
            ? VerificationResult<Uri>.Success(url)
            : Fail("The DID does not map to a URL.");
    }

    /// <summary>The did:web of a service from its public base URL (host, <c>%3A</c> port, path segments).</summary>
    public static string FromBaseUrl(Uri publicBaseUrl)
    {
        ArgumentNullException.ThrowIfNull(publicBaseUrl);
        var did = new StringBuilder(Prefix).Append(publicBaseUrl.IdnHost);
        if (!publicBaseUrl.IsDefaultPort)
        {
            did.Append("%3A").Append(publicBaseUrl.Port.ToString(CultureInfo.InvariantCulture));
        }
        foreach (var segment in publicBaseUrl.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            did.Append(':').Append(Uri.EscapeDataString(Uri.UnescapeDataString(segment)));
        }
        return did.ToString();
    }

    /// <summary>The DID of a DID URL (the part before <c>#</c>), or null.</summary>
    public static string? DidOf(string? didUrl)
    {
        if (didUrl is null)
        {
            return null;
        }
        var hash = didUrl.IndexOf('#', StringComparison.Ordinal);
        return hash <= 0 ? null : didUrl[..hash];
    }

    internal static bool IsLoopbackHost(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    private static bool IsHost(string host)
    {
        if (host.Length is 0 or > 253)
        {
            return false;
        }
        if (IPAddress.TryParse(host.Trim('[', ']'), out _))
        {
            return true;
        }
        return host.Split('.')
            .All(label =>
                label.Length is > 0 and <= 63
                && label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')
                && label[0] != '-'
                && label[^1] != '-'
            );
    }

    private static VerificationResult<Uri> Fail(string message) => VerificationResult<Uri>.Fail(VerificationFailure.InvalidDid, message);
}
