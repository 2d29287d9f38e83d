using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Credentials.Jose;
using GaiaX.Oid4vc.Credentials.SdJwt;
using Microsoft.Extensions.Time.Testing;

namespace GaiaX.Oid4vc.Credentials.Tests;

/// <summary>The published example values of RFC 7515, RFC 7638 and RFC 9901 verify with this library.</summary>
public sealed class KnownVectorsTests
{
    // RFC 7515 Appendix A.3: JWS using ECDSA P-256 SHA-256.
    private const string Rfc7515A3 =
        "eyJhbGciOiJFUzI1NiJ9" +
        ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ" +
        ".DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q";

    private static readonly JsonObject Rfc7515A3Key = new()
    {
        ["kty"] = "EC",
        ["crv"] = "P-256",
        ["x"] = "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",
        ["y"] = "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0",
    };

    private static readonly JsonObject Rfc9901IssuerKey = new()
    {
        ["kty"] = "EC",
        ["crv"] = "P-256",
        ["x"] = "b28d4MwZMjw8-00CG4xfnn9SLMVMM19SlqZpVb_uNtQ",
        ["y"] = "Xv5zWwuoaTgdS6hV43yI6gBwTnjukmFQQnJ_kCxzqk8",
    };

    [Fact]
    public void Rfc7515_A3_ES256_example_verifies()
    {
        var parsed = Jws.Parse(Rfc7515A3, new JwsPolicy());
        Assert.True(parsed.Succeeded, parsed.Error?.ToString());
        using var key = Jwk.ParsePublic(Rfc7515A3Key).Value!;
        Assert.Null(parsed.Value.VerifySignature(key));
        Assert.Equal("joe", parsed.Value.PayloadString("iss"));
    }

    [Fact]
    public void Rfc7515_A3_example_with_one_payload_bit_changed_does_not_verify()
    {
        var parts = Rfc7515A3.Split('.');
        Assert.True(Base64UrlStrict.TryDecode(parts[1], out var payload));
        payload[8] = (byte)'J'; // "joe" → "Joe"
        var tampered = parts[0] + "." + Base64UrlStrict.Encode(payload) + "." + parts[2];
        using var key = Jwk.ParsePublic(Rfc7515A3Key).Value!;
        Assert.Equal(VerificationFailure.InvalidSignature, Jws.Parse(tampered, new JwsPolicy()).Value!.VerifySignature(key)!.Reason);
    }

    [Fact]
    public void Rfc7638_thumbprint_example_matches()
    {
        var jwk = new JsonObject
        {
            ["kty"] = "RSA",
            ["n"] = "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw",
            ["e"] = "AQAB",
            ["alg"] = "RS256",
            ["kid"] = "2011-04-29",
        };
        Assert.Equal("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs", Jwk.Thumbprint(jwk));
    }

    [Theory]
    [InlineData("WyIyR0xDNDJzS1F2ZUNmR2ZyeU5STjl3IiwgImdpdmVuX25hbWUiLCAiSm9obiJd", "jsu9yVulwQQlhFlM_3JlzMaSFzglhQG0DpfayQwLUK4", "given_name")]
    [InlineData("WyJlbHVWNU9nM2dTTklJOEVZbnN4QV9BIiwgImZhbWlseV9uYW1lIiwgIkRvZSJd", "TGf4oLbgwd5JQaHyKVQZU9UdGE0w5rtDsrZzfUaomLo", "family_name")]
    [InlineData("WyI2SWo3dE0tYTVpVlBHYm9TNXRtdlZBIiwgImVtYWlsIiwgImpvaG5kb2VAZXhhbXBsZS5jb20iXQ", "JzYjH4svliH0R3PyEMfeZu6Jt69u5qehZo7F7EPYlSE", "email")]
    [InlineData("WyJRZ19PNjR6cUF4ZTQxMmExMDhpcm9BIiwgInBob25lX251bWJlcl92ZXJpZmllZCIsIHRydWVd", "XQ_3kPKt1XyX7KANkqVR6yZ2Va5NrPIvPYbyMvRKBMM", "phone_number_verified")]
    [InlineData("WyJHMDJOU3JRZmpGWFE3SW8wOXN5YWpBIiwgInVwZGF0ZWRfYXQiLCAxNTcwMDAwMDAwXQ", "CrQe7S5kqBAHt-nMYXgc6bdt2SH5aTY1sU_M-PgkjPI", "updated_at")]
    [InlineData("WyJsa2x4RjVqTVlsR1RQVW92TU5JdkNBIiwgIlVTIl0", "pFndjkZ_VCzmyTa6UjlZo3dh-ko8aIKQc9DlGzhaVYo", null)]
    [InlineData("WyJuUHVvUW5rUkZxM0JJZUFtN0FuWEZBIiwgIkRFIl0", "7Cf6JkPudry3lcbwHgeZ8khAv1U1OSlerP0VkBJrWZ0", null)]
    public void Rfc9901_disclosure_digests_match_the_published_hashes(string disclosure, string digest, string? claimName)
    {
        var parsed = Disclosure.Parse(disclosure);
        Assert.True(parsed.Succeeded, parsed.Error?.ToString());
        Assert.Equal(digest, parsed.Value.Digest);
        Assert.Equal(claimName, parsed.Value.Name);
    }

    [Fact]
    public async Task Rfc9901_example_presentation_with_key_binding_verifies_and_reveals_only_the_disclosed_claims()
    {
        var presentation = string.Concat(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "sd-jwt-rfc9901-5.2-presentation.txt"))
            .Where(c => !char.IsWhiteSpace(c)));
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1748361941 + 30));
        var verifier = new SdJwtVerifier(new FixedKeyResolver(Jwk.ParsePublic(Rfc9901IssuerKey).Value!), time);

        var result = await verifier.VerifyAsync(presentation, new SdJwtVerificationOptions
        {
            Nonce = "1234567890",
            Audience = "https://verifier.example.org",
            RequireVct = false,
            IssuerPolicy = new JwsPolicy { AllowedTypes = JwsPolicy.Set("example+sd-jwt") },
        });

        Assert.True(result.Succeeded, result.Error?.ToString());
        var claims = result.Value.Claims;
        Assert.Equal("John", claims["given_name"]!.GetValue<string>());
        Assert.Equal("Doe", claims["family_name"]!.GetValue<string>());
        Assert.Equal("Anytown", claims["address"]!["locality"]!.GetValue<string>());
        Assert.Equal(["US"], claims["nationalities"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.False(claims.ContainsKey("email"));
        Assert.False(claims.ContainsKey("_sd"));
        Assert.False(claims.ContainsKey("_sd_alg"));
    }

    [Fact]
    public async Task Rfc9901_example_presentation_is_refused_for_another_nonce()
    {
        var presentation = string.Concat(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "sd-jwt-rfc9901-5.2-presentation.txt"))
            .Where(c => !char.IsWhiteSpace(c)));
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1748361941 + 30));
        var verifier = new SdJwtVerifier(new FixedKeyResolver(Jwk.ParsePublic(Rfc9901IssuerKey).Value!), time);
        var result = await verifier.VerifyAsync(presentation, new SdJwtVerificationOptions
        {
            Nonce = "0987654321",
            RequireVct = false,
            IssuerPolicy = new JwsPolicy { AllowedTypes = JwsPolicy.Set("example+sd-jwt") },
        });
        Assert.Equal(VerificationFailure.NonceMismatch, result.Error?.Reason);
    }

    private sealed class FixedKeyResolver(VerificationKey key) : IJwsKeyResolver
    {
        public ValueTask<VerificationResult<ResolvedKey>> ResolveAsync(ParsedJws jws, CancellationToken cancellationToken) =>
            ValueTask.FromResult(VerificationResult<ResolvedKey>.Success(new ResolvedKey(key)));
    }
}
