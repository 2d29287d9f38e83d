using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Credentials.SdJwt;
using GaiaX.Oid4vc.Credentials.Tests.Support;
using GaiaX.Oid4vc.Credentials.VcJwt;

namespace GaiaX.Oid4vc.Credentials.Tests;

/// <summary>Mangled input is refused with a reason, never with an exception (a 500 in a service).</summary>
public sealed class RobustnessTests(CredentialsFixture fixture) : IClassFixture<CredentialsFixture>
{
    private const string Alphabet = "ABCxyz019-_.~=+/ {}\"[]:,\\\u00e9";

    [Theory]
    [InlineData("vc", 1)]
    [InlineData("vp", 2)]
    [InlineData("sd-jwt", 3)]
    public async Task Randomly_mutated_tokens_are_refused_without_exceptions(string format, int seed)
    {
        var random = new Random(seed); // fixed seed: a failure reproduces
        var valid = format switch
        {
            "vc" => fixture.IssueVc(),
            "vp" => fixture.VpIssuer.Issue([fixture.IssueVc()], fixture.Holder.Key, fixture.Holder.Did, "n", "a"),
            _ => SdJwtHolder.Present(fixture.SdJwtIssuer.Issue(new SdJwtIssueRequest
            {
                Claims = new JsonObject { ["a"] = 1, ["b"] = new JsonObject { ["c"] = new JsonArray(1, 2) } },
                Vct = "urn:x",
                Issuer = "https://issuer.example",
                Disclosable = ["/a", "/b/c/1", "/b"],
                HolderKey = fixture.HolderKey.PublicKey.ToJwk(),
                UseX5c = true,
            }, fixture.Issuer.Key), _ => true, fixture.HolderKey, "n", "a", CredentialsFixture.Now),
        };
        var refused = 0;
        for (var i = 0; i < 300; i++)
        {
            var mutated = Mutate(valid, random);
            var error = format switch
            {
                "vc" => (await fixture.VcVerifier.VerifyAsync(mutated)).Error,
                "vp" => (await fixture.VpVerifier.VerifyAsync(mutated, new PresentationBinding { Nonce = "n", Audience = "a" })).Error,
                _ => (await fixture.SdJwtVerifier.VerifyAsync(mutated, new SdJwtVerificationOptions { Nonce = "n", Audience = "a" })).Error,
            };
            if (error is not null)
            {
                Assert.False(string.IsNullOrEmpty(error.Message));
                refused++;
            }
        }
        Assert.True(refused > 250, $"only {refused} of 300 mutations were refused");
    }

    private static string Mutate(string token, Random random)
    {
        var chars = token.ToCharArray().ToList();
        var edits = random.Next(1, 4);
        for (var e = 0; e < edits; e++)
        {
            var at = random.Next(chars.Count);
            switch (random.Next(4))
            {
                case 0:
                    chars[at] = Alphabet[random.Next(Alphabet.Length)];
                    break;
                case 1:
                    chars.RemoveRange(at, Math.Min(random.Next(1, 12), chars.Count - at));
                    break;
                case 2:
                    chars.Insert(at, Alphabet[random.Next(Alphabet.Length)]);
                    break;
                default:
                    chars = chars.Take(at).ToList();
                    break;
            }
            if (chars.Count == 0)
            {
                break;
            }
        }
        return new string(chars.ToArray());
    }
}
