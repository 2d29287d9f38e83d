using System.Text.Json;
using GaiaX.Oid4vc.Compliance.Verification;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Compliance.Filters;

/// <summary>
/// Each enveloped credential's signature verifies with its issuer's key, and the credential is within
/// its validity window (<c>validFrom</c>/<c>validUntil</c>, and the JWT's <c>nbf</c>/<c>exp</c>).
/// </summary>
public sealed class CredentialSignaturesAndValidityFilter(IJwsSignatureVerifier signatures, IOptions<ComplianceOptions> options)
    : IComplianceFilter
{
    public string Name => "CredentialSignaturesAndValidity";

    public string Criterion =>
        "Each credential's signature verifies with its issuer's key and the credential is within its validity period";

    public ComplianceScope Scope => ComplianceScope.Both;

    public ValueTask<FilterVerdict> ApplyAsync(ComplianceContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var credential in context.Credentials)
        {
            if (credential.VerificationMethod is { } method && !signatures.Verify(credential, method))
            {
                context.AddFailure(this, credential, $"The credential's signature does not verify with '{method.KeyId}'.");
            }
            foreach (var message in ValidityWindow.Check(credential.Payload, context.Now, options.Value.ClockSkew, "credential"))
            {
                context.AddFailure(this, credential, message);
            }
        }
        return ValueTask.FromResult(FilterVerdict.Continue);
    }
}

/// <summary>The VCDM 2.0 validity window and the JWT time claims, judged at one instant with a clock skew.</summary>
internal static class ValidityWindow
{
    public static IEnumerable<string> Check(JsonElement payload, DateTimeOffset now, TimeSpan skew, string what)
    {
        if (Date(payload, "validFrom", out var error) is { } validFrom && validFrom - skew > now)
        {
            yield return $"The {what} is not valid before {validFrom:O} (validFrom).";
        }
        if (error is not null)
        {
            yield return $"The {what}'s {error}";
        }
        if (Date(payload, "validUntil", out error) is { } validUntil && validUntil + skew < now)
        {
            yield return $"The {what} expired at {validUntil:O} (validUntil).";
        }
        if (error is not null)
        {
            yield return $"The {what}'s {error}";
        }
        if (Seconds(payload, "nbf", out error) is { } nbf && nbf - skew > now)
        {
            yield return $"The {what} is not valid before {nbf:O} (nbf).";
        }
        if (error is not null)
        {
            yield return $"The {what}'s {error}";
        }
        if (Seconds(payload, "exp", out error) is { } exp && exp + skew < now)
        {
            yield return $"The {what} expired at {exp:O} (exp).";
        }
        if (error is not null)
        {
            yield return $"The {what}'s {error}";
        }
    }

    private static DateTimeOffset? Date(JsonElement payload, string name, out string? error)
    {
        error = null;
        if (!payload.TryGetProperty(name, out var value))
        {
            return null;
        }
        if (
            value.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(
                value.GetString(),
                System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AssumeUniversal,
                out var date
            )
            && value.GetString()!.Contains('T', StringComparison.Ordinal)
        )
        {
            return date;
        }
        error = $"'{name}' is not an XML Schema dateTime.";
        return null;
    }

    private static DateTimeOffset? Seconds(JsonElement payload, string name, out string? error)
    {
        error = null;
        if (!payload.TryGetProperty(name, out var value))
        {
            return null;
        }
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var seconds) && seconds is >= 0 and < 253402300800)
        {
            return DateTimeOffset.FromUnixTimeSeconds(seconds);
        }
        error = $"'{name}' is not a NumericDate.";
        return null;
    }
}
