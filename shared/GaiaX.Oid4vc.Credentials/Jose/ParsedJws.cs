using System.Text;
using System.Text.Json;

namespace GaiaX.Oid4vc.Credentials.Jose;

/// <summary>A compact JWS whose structure and header passed a <see cref="JwsPolicy"/>; its signature is not yet checked.</summary>
public sealed class ParsedJws
{
    internal ParsedJws(string compact, JsonElement header, JsonElement payload, byte[] signature, int signingInputLength)
    {
        Compact = compact;
        Header = header;
        Payload = payload;
        Signature = signature;
        SigningInputLength = signingInputLength;
        Algorithm = header.GetProperty("alg").GetString()!;
        Type = OptionalString(header, "typ");
        KeyId = OptionalString(header, "kid");
    }

    public string Compact { get; }

    public JsonElement Header { get; }

    public JsonElement Payload { get; }

    public string Algorithm { get; }

    public string? Type { get; }

    public string? KeyId { get; }

    internal byte[] Signature { get; }

    internal int SigningInputLength { get; }

    /// <summary>A string header parameter, or null when absent or not a string.</summary>
    public string? HeaderString(string name) => OptionalString(Header, name);

    /// <summary>A string claim, or null when absent or not a string.</summary>
    public string? PayloadString(string name) => OptionalString(Payload, name);

    /// <summary>Checks the signature with <paramref name="key"/>, after checking the key fits <c>alg</c>.</summary>
    public VerificationError? VerifySignature(VerificationKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!key.IsCompatibleWith(Algorithm))
        {
            return new VerificationError(
                VerificationFailure.KeyAlgorithmMismatch,
                $"The key ({key.KeyType}{(key.Curve is null ? "" : " " + key.Curve)}"
                    + $"{(key.Algorithm is null ? "" : ", alg " + key.Algorithm)}) cannot verify {Algorithm}."
            );
        }
        // The signing input is ASCII; stack-encode small ones to keep verification allocation-light.
        var length = SigningInputLength;
        byte[]? rented = null;
        Span<byte> input = length <= 4096 ? stackalloc byte[length] : (rented = System.Buffers.ArrayPool<byte>.Shared.Rent(length));
        try
        {
            Encoding.ASCII.GetBytes(Compact.AsSpan(0, length), input);
            return key.Verify(Algorithm, input[..length], Signature)
                ? null
                : new VerificationError(VerificationFailure.InvalidSignature, "The signature does not verify.");
        }
        finally
        {
            if (rented is not null)
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Checks <c>exp</c>, <c>nbf</c> and <c>iat</c> against <paramref name="now"/> under the policy.</summary>
    public VerificationError? ValidateLifetime(JwsPolicy policy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var skew = policy.ClockSkew;
        var nowSeconds = now.ToUnixTimeSeconds();
        var exp = NumericDate("exp", out var expError);
        if (expError is not null)
        {
            return expError;
        }
        if (exp is null && policy.RequireExpiration)
        {
            return new VerificationError(VerificationFailure.MissingClaim, "The token has no exp.");
        }
        if (exp is not null && nowSeconds - (long)skew.TotalSeconds >= exp)
        {
            return new VerificationError(
                VerificationFailure.Expired,
                $"The token expired at {DateTimeOffset.FromUnixTimeSeconds(exp.Value):O}."
            );
        }
        var nbf = NumericDate("nbf", out var nbfError);
        if (nbfError is not null)
        {
            return nbfError;
        }
        if (nbf is not null && nowSeconds + (long)skew.TotalSeconds < nbf)
        {
            return new VerificationError(
                VerificationFailure.NotYetValid,
                $"The token is not valid before {DateTimeOffset.FromUnixTimeSeconds(nbf.Value):O}."
            );
        }
        var iat = NumericDate("iat", out var iatError);
        if (iatError is not null)
        {
            return iatError;
        }
        if (iat is null)
        {
            return policy.RequireIssuedAt ? new VerificationError(VerificationFailure.MissingClaim, "The token has no iat.") : null;
        }
        if (nowSeconds + (long)skew.TotalSeconds < iat)
        {
            return new VerificationError(VerificationFailure.IssuedAtInvalid, "The token's iat is in the future.");
        }
        if (policy.MaxAge is { } maxAge && nowSeconds - (long)(maxAge + skew).TotalSeconds > iat)
        {
            return new VerificationError(
                VerificationFailure.IssuedAtInvalid,
                $"The token's iat is older than {maxAge.TotalSeconds:0} seconds."
            );
        }
        return null;
    }

    private long? NumericDate(string name, out VerificationError? error)
    {
        error = null;
        if (!Payload.TryGetProperty(name, out var value))
        {
            return null;
        }
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number))
        {
            return (long)Math.Floor(number);
        }
        error = new VerificationError(VerificationFailure.MissingClaim, $"The claim '{name}' must be a NumericDate.");
        return null;
    }

    internal static string? OptionalString(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
