using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Credentials.Jose;
using GaiaX.Oid4vc.Credentials.SdJwt;
using GaiaX.Oid4vc.Credentials.VcJwt;
using Microsoft.Extensions.DependencyInjection;

namespace Issuer.Tests;

/// <summary>
/// Verifies what the Issuer issued with the credential core, the way a verifier would: the
/// <c>kid</c> is resolved through the Issuer's DID document over HTTP and its certificate chain.
/// </summary>
public static class CredentialChecks
{
    /// <summary>A VC-JWT verified by <see cref="VcJwtVerifier"/>; returns header and payload.</summary>
    public static async Task<(JsonObject Header, JsonObject Payload)> VerifyVcJwtAsync(IssuerFixture fixture, string jwt)
    {
        var verifier = fixture.Host.Services.GetRequiredService<VcJwtVerifier>();
        var result = await verifier.VerifyAsync(jwt);
        Assert.True(result.Succeeded, "the VC-JWT does not verify: " + result.Error);
        return (Parse(result.Value!.Jws.Header.GetRawText()), Parse(result.Value.Jws.Payload.GetRawText()));
    }

    /// <summary>An SD-JWT VC verified by <see cref="SdJwtVerifier"/> (no key binding asked at issuance); returns the issuer JWT's header and the disclosed claims.</summary>
    public static async Task<(JsonObject Header, JsonObject Claims)> VerifySdJwtAsync(IssuerFixture fixture, string sdJwt)
    {
        var verifier = fixture.Host.Services.GetRequiredService<SdJwtVerifier>();
        var result = await verifier.VerifyAsync(sdJwt, new SdJwtVerificationOptions { RequireKeyBinding = false });
        Assert.True(result.Succeeded, "the SD-JWT VC does not verify: " + result.Error);
        return (Parse(result.Value!.IssuerJwt.Header.GetRawText()), result.Value.Claims);
    }

    /// <summary>Any JWS of the Issuer with the given <c>typ</c>, verified against its DID document.</summary>
    public static async Task<(JsonObject Header, JsonObject Payload)> VerifyIssuerJwsAsync(IssuerFixture fixture, string jws, string typ)
    {
        var resolver = fixture.Host.Services.GetRequiredService<IJwsKeyResolver>();
        var policy = new JwsPolicy { AllowedTypes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { typ }, RequireKeyId = true };
        var result = await Jws.VerifyAsync(jws, policy, resolver, fixture.Time);
        Assert.True(result.Succeeded, "the JWS does not verify: " + result.Error);
        return (Parse(result.Value!.Jws.Header.GetRawText()), Parse(result.Value.Payload.GetRawText()));
    }

    public static void AssertBoundTo(JsonObject payload, ECDsa holder)
    {
        var expected = TestWallet.PublicJwk(holder);
        var cnf = payload["cnf"]!["jwk"]!.AsObject();
        Assert.Equal(expected["x"]!.GetValue<string>(), cnf["x"]!.GetValue<string>());
        Assert.Equal(expected["y"]!.GetValue<string>(), cnf["y"]!.GetValue<string>());
    }

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    public static JsonObject DecodePart(string part) => JsonNode.Parse(Base64Url.DecodeFromChars(part))!.AsObject();
}
