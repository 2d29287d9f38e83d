using System.Net;

namespace Issuer.Tests.Attacks;

/// <summary>
/// Item 8 of issue 18 (RFC 9700 section 4.14.2): a rotated refresh token presented again means one
/// of two parties holds a stolen copy, so the whole family is revoked.
/// </summary>
public sealed class RefreshTokenReuseTests(IssuerFixture fixture) : IClassFixture<IssuerFixture>
{
    private async Task<Attacker.Answer> FirstTokenAsync(Attacker attacker)
    {
        var (_, offer, _) = await attacker.OfferAsync(txCode: false);
        var first = await attacker.PreAuthorizedTokenAsync(Attacker.PreAuthorizedCode(offer), null);
        Assert.True(first.Ok, first.Body?.ToJsonString());
        return first;
    }

    [Fact]
    public async Task Replaying_a_rotated_refresh_token_revokes_the_refresh_token_that_replaced_it()
    {
        using var attacker = new Attacker(fixture);
        var first = await FirstTokenAsync(attacker);
        var rotated = await attacker.RefreshAsync(first.Get("refresh_token")!);
        Assert.True(rotated.Ok);

        var replay = await attacker.RefreshAsync(first.Get("refresh_token")!);
        Assert.Equal("invalid_grant", replay.Error);

        var live = await attacker.RefreshAsync(rotated.Get("refresh_token")!);
        Assert.Equal("invalid_grant", live.Error);
    }

    [Fact]
    public async Task Replaying_a_rotated_refresh_token_revokes_the_access_tokens_of_the_family()
    {
        using var attacker = new Attacker(fixture);
        var first = await FirstTokenAsync(attacker);
        var rotated = await attacker.RefreshAsync(first.Get("refresh_token")!);
        Assert.Equal(HttpStatusCode.OK, await attacker.CredentialAsync(rotated.Get("access_token")!));

        Assert.Equal("invalid_grant", (await attacker.RefreshAsync(first.Get("refresh_token")!)).Error);

        Assert.Equal(HttpStatusCode.Unauthorized, await attacker.CredentialAsync(rotated.Get("access_token")!));
        Assert.Equal(HttpStatusCode.Unauthorized, await attacker.CredentialAsync(first.Get("access_token")!));
    }

    [Fact]
    public async Task Replaying_a_refresh_token_rotated_twice_revokes_the_latest_one()
    {
        using var attacker = new Attacker(fixture);
        var first = await FirstTokenAsync(attacker);
        var second = await attacker.RefreshAsync(first.Get("refresh_token")!);
        var third = await attacker.RefreshAsync(second.Get("refresh_token")!);
        Assert.True(third.Ok);

        Assert.Equal("invalid_grant", (await attacker.RefreshAsync(first.Get("refresh_token")!)).Error);
        Assert.Equal("invalid_grant", (await attacker.RefreshAsync(third.Get("refresh_token")!)).Error);
    }

    [Fact]
    public async Task Refused_refresh_request_is_not_reuse_and_revokes_nothing()
    {
        using var attacker = new Attacker(fixture);
        var first = await FirstTokenAsync(attacker);
        var refused = await attacker.RefreshAsync(first.Get("refresh_token")!, ("scope", "gx.VatID"));
        Assert.Equal("invalid_scope", refused.Error);
        var refreshed = await attacker.RefreshAsync(first.Get("refresh_token")!);
        Assert.True(refreshed.Ok, refreshed.Body?.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, await attacker.CredentialAsync(refreshed.Get("access_token")!));
    }

    [Fact]
    public async Task Never_issued_refresh_token_naming_a_family_is_refused_without_revoking_the_family()
    {
        using var attacker = new Attacker(fixture);
        var first = await FirstTokenAsync(attacker);
        var refreshToken = first.Get("refresh_token")!;
        var familyId = refreshToken[..refreshToken.IndexOf('.', StringComparison.Ordinal)];

        Assert.Equal("invalid_grant", (await attacker.RefreshAsync(familyId + ".never-issued")).Error);
        Assert.Equal("invalid_grant", (await attacker.RefreshAsync(familyId + "." + refreshToken[(familyId.Length + 1)..][1..])).Error);

        Assert.Equal(HttpStatusCode.OK, await attacker.CredentialAsync(first.Get("access_token")!));
        var refreshed = await attacker.RefreshAsync(refreshToken);
        Assert.True(refreshed.Ok, refreshed.Body?.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, await attacker.CredentialAsync(refreshed.Get("access_token")!));
    }

    [Fact]
    public async Task Refresh_token_rotated_before_the_remembered_rotations_is_refused_without_revoking_the_family()
    {
        using var attacker = new Attacker(fixture);
        var first = await FirstTokenAsync(attacker);
        var latest = first;
        // The family remembers its last 32 rotated tokens; the first one is the 33rd back.
        for (var i = 0; i < 33; i++)
        {
            latest = await attacker.RefreshAsync(latest.Get("refresh_token")!);
            Assert.True(latest.Ok, latest.Body?.ToJsonString());
        }

        Assert.Equal("invalid_grant", (await attacker.RefreshAsync(first.Get("refresh_token")!)).Error);

        Assert.Equal(HttpStatusCode.OK, await attacker.CredentialAsync(latest.Get("access_token")!));
        Assert.True((await attacker.RefreshAsync(latest.Get("refresh_token")!)).Ok);
    }
}
