using System.Globalization;
using System.Text.Json;
using GaiaX.Oid4vc.Verifier.Dcql;
using Microsoft.IdentityModel.Tokens;

namespace GaiaX.Oid4vc.Verifier.Presentations;

/// <summary>What a presentation must be bound to: the full client identifier and the request nonce.</summary>
public sealed record PresentationExpectations(string Audience, string Nonce)
{
    /// <summary>False when the credential query waives holder binding (a bare credential is then accepted).</summary>
    public bool RequireHolderBinding { get; init; } = true;

    /// <summary>Hashes (sha-256, base64url) of the transaction data the KB-JWT must return, if any.</summary>
    public IReadOnlyList<string>? TransactionDataHashes { get; init; }
}

/// <summary>A presentation whose signatures, bindings, issuers and validity all checked out.</summary>
public sealed record VerifiedPresentation(IReadOnlyList<PresentedCredential> Credentials);

/// <summary>The outcome of verifying one presentation.</summary>
public sealed record PresentationVerificationResult(VerifiedPresentation? Presentation, string? FailureCode, string? Failure)
{
    public static PresentationVerificationResult Fail(string code, string failure) => new(null, code, failure);
}

/// <summary>Verifies presentations of one Credential Format.</summary>
public interface IPresentationVerifier
{
    string Format { get; }

    Task<PresentationVerificationResult> VerifyAsync(JsonElement presentation, PresentationExpectations expectations, CancellationToken cancellationToken);
}

/// <summary>Finds a holder's public key for a presentation's proof (the VP-JWT signer).</summary>
public interface IHolderKeyResolver
{
    Task<SecurityKey?> ResolveAsync(CompactJwsToken presentation, CancellationToken cancellationToken);
}

/// <summary>Resolves self-certifying <c>did:jwk</c> holders from the <c>kid</c> or <c>iss</c>.</summary>
internal sealed class DidJwkHolderKeyResolver : IHolderKeyResolver
{
    public Task<SecurityKey?> ResolveAsync(CompactJwsToken presentation, CancellationToken cancellationToken) =>
        Task.FromResult<SecurityKey?>(DidJwk.TryResolve(presentation.KeyId ?? presentation.PayloadString("iss")));
}

/// <summary>Stable reason codes for a rejected presentation, shown on the request's status.</summary>
public static class PresentationFailureCodes
{
    public const string InvalidPresentation = "invalid_presentation";
    public const string InvalidPresentationSignature = "invalid_presentation_signature";
    public const string InvalidAudience = "invalid_audience";
    public const string InvalidNonce = "invalid_nonce";
    public const string PresentationExpired = "presentation_expired";
    public const string InvalidCredential = "invalid_credential";
    public const string InvalidCredentialSignature = "invalid_credential_signature";
    public const string UntrustedIssuer = "untrusted_issuer";
    public const string CredentialExpired = "credential_expired";
    public const string CredentialNotYetValid = "credential_not_yet_valid";
    public const string InvalidDisclosure = "invalid_disclosure";
    public const string InvalidSdHash = "invalid_sd_hash";
    public const string InvalidTransactionData = "invalid_transaction_data";
    public const string UnsupportedAlgorithm = "unsupported_algorithm";
}

/// <summary>Time checks shared by the format verifiers.</summary>
internal static class Validity
{
    /// <summary>Clocks of wallets and issuers drift; this much is tolerated.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(60);

    /// <summary>How old a holder-binding proof may be.</summary>
    public static readonly TimeSpan MaxProofAge = TimeSpan.FromMinutes(10);

    public static (string Code, string Message)? CheckJwtWindow(CompactJwsToken token, DateTimeOffset now, string expiredCode, string notYetValidCode, string what)
    {
        if (token.PayloadTime("exp") is { } exp && now - ClockSkew >= exp)
        {
            return (expiredCode, $"{what} expired at {exp:O}");
        }
        if (token.PayloadTime("nbf") is { } nbf && now + ClockSkew < nbf)
        {
            return (notYetValidCode, $"{what} is not valid before {nbf:O}");
        }
        return null;
    }

    /// <summary>VCDM 2.0 <c>validFrom</c> / <c>validUntil</c> (XML Schema dateTimeStamp).</summary>
    public static (string Code, string Message)? CheckVcdmWindow(JsonElement credential, DateTimeOffset now)
    {
        if (Date(credential, "validUntil") is { } until && now - ClockSkew >= until)
        {
            return (PresentationFailureCodes.CredentialExpired, $"the credential expired at {until:O} (validUntil)");
        }
        if (Date(credential, "validFrom") is { } from && now + ClockSkew < from)
        {
            return (PresentationFailureCodes.CredentialNotYetValid, $"the credential is not valid before {from:O} (validFrom)");
        }
        return null;
    }

    private static DateTimeOffset? Date(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
        && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? date
            : null;
}
