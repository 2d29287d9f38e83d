using GaiaX.Oid4vc.Dapr.Events;

namespace GaiaX.Oid4vc.Verifier.Trust;

/// <summary>
/// The bounds a trust list from <c>trust-list-changed</c> must keep before the Verifier builds a view from it. Only the
/// Registry publishes the event and only the sidecar delivers it, but the list decides what is trusted: a list that is
/// malformed or out of all proportion is refused whole (and logged), never applied in part.
/// </summary>
public static class TrustListSnapshot
{
    public const int MaxTrustAnchors = 1000;

    public const int MaxRoles = 256;

    public const int MaxIssuersPerRole = 10_000;

    public const int MaxRevokedCertificates = 100_000;

    public const int MaxDidLength = 2048;

    /// <summary>Why <paramref name="changed"/> cannot be applied, or null when it can.</summary>
    public static string? Problem(TrustListChanged changed)
    {
        ArgumentNullException.ThrowIfNull(changed);
        if (!changed.IsSnapshot)
        {
            return "the event carries the version alone, not the trust list";
        }
        if (changed.Version < 1)
        {
            return $"version {changed.Version} is not a trust-list version";
        }
        if (changed.TrustAnchors!.Count > MaxTrustAnchors)
        {
            return $"{changed.TrustAnchors.Count} trust anchors; at most {MaxTrustAnchors} are accepted";
        }
        if (changed.TrustAnchors.Any(string.IsNullOrWhiteSpace))
        {
            return "a trust anchor is empty";
        }
        if (changed.TrustedIssuers!.Count > MaxRoles)
        {
            return $"{changed.TrustedIssuers.Count} roles; at most {MaxRoles} are accepted";
        }
        foreach (var (role, issuers) in changed.TrustedIssuers)
        {
            if (!IsRole(role))
            {
                return $"'{Truncated(role)}' is not a role";
            }
            if (issuers is null || issuers.Count > MaxIssuersPerRole)
            {
                return $"the issuers of '{role}' are missing or more than {MaxIssuersPerRole}";
            }
            if (issuers.Any(d => d is null || !d.StartsWith("did:", StringComparison.Ordinal) || d.Length > MaxDidLength))
            {
                return $"an issuer of '{role}' is not a DID";
            }
        }
        if (changed.RevokedCertificates!.Count > MaxRevokedCertificates)
        {
            return $"{changed.RevokedCertificates.Count} revoked certificates; at most {MaxRevokedCertificates} are accepted";
        }
        if (changed.RevokedCertificates.Any(h => h is null || h.Length != 64 || !h.All(Uri.IsHexDigit)))
        {
            return "a revoked certificate is not a SHA-256 in hex";
        }
        return null;
    }

    /// <summary>A Registry role: lower-case letters, digits and dashes, as the Registry accepts them.</summary>
    public static bool IsRole(string? role) =>
        role is { Length: > 0 and <= 64 } && role.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');

    private static string Truncated(string text) => text.Length <= 64 ? text : text[..64] + "…";
}
