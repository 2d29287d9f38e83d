using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Issuer.Signing;
using Microsoft.Extensions.DependencyInjection;

namespace Issuer.Tests;

/// <summary>Checks an issued credential against the Issuer's published key and the holder's key.</summary>
public static class CredentialChecks
{
    /// <summary>Verifies the ES256 signature with the issuer's public key and returns header and payload.</summary>
    public static (JsonObject Header, JsonObject Payload) VerifyJwt(IssuerFixture fixture, string jwt)
    {
        var key = fixture.Host.Services.GetRequiredService<IIssuerSigningKey>().PublicJwk;
        using var ec = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = Base64Url.DecodeFromChars(key["x"]!.GetValue<string>()), Y = Base64Url.DecodeFromChars(key["y"]!.GetValue<string>()) },
        });
        var parts = jwt.Split('.');
        Assert.Equal(3, parts.Length);
        Assert.True(ec.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64Url.DecodeFromChars(parts[2]), HashAlgorithmName.SHA256), "the credential's signature does not verify with the issuer key");
        return (JsonNode.Parse(Base64Url.DecodeFromChars(parts[0]))!.AsObject(), JsonNode.Parse(Base64Url.DecodeFromChars(parts[1]))!.AsObject());
    }

    public static void AssertBoundTo(JsonObject payload, ECDsa holder)
    {
        var expected = TestWallet.PublicJwk(holder);
        var cnf = payload["cnf"]!["jwk"]!.AsObject();
        Assert.Equal(expected["x"]!.GetValue<string>(), cnf["x"]!.GetValue<string>());
        Assert.Equal(expected["y"]!.GetValue<string>(), cnf["y"]!.GetValue<string>());
    }
}
