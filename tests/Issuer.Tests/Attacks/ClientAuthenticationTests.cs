using System.Net;
using System.Net.Http.Headers;

namespace Issuer.Tests.Attacks;

/// <summary>
/// Item 21 of issue 18: wallets are public clients (<c>token_endpoint_auth_methods_supported:
/// none</c>); client authentication the server does not support is refused with
/// <c>invalid_client</c> (RFC 6749 section 5.2) on every grant, never ignored, and spends nothing.
/// </summary>
public sealed class ClientAuthenticationTests(IssuerFixture fixture) : IClassFixture<IssuerFixture>
{
    private static readonly (string Name, string Value)[] Assertion =
    [
        ("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"),
        ("client_assertion", "eyJhbGciOiJub25lIn0.eyJpc3MiOiJ4In0."),
    ];

    [Fact]
    public async Task Pre_authorized_token_request_with_an_unsupported_client_assertion_is_rejected_with_invalid_client()
    {
        using var attacker = new Attacker(fixture);
        var (_, offer, txCode) = await attacker.OfferAsync(txCode: true);
        var code = Attacker.PreAuthorizedCode(offer);
        var refused = await attacker.PreAuthorizedTokenAsync(code, txCode, Assertion);
        Assert.Equal("invalid_client", refused.Error);
        Assert.True(refused.Status is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized);

        Assert.True((await attacker.PreAuthorizedTokenAsync(code, txCode)).Ok);
    }

    [Fact]
    public async Task Authorization_code_token_request_with_an_unsupported_client_assertion_is_rejected_with_invalid_client()
    {
        using var attacker = new Attacker(fixture);
        var (_, offer, _) = await attacker.OfferAsync(txCode: false);
        var (code, verifier, _) = await attacker.AuthorizationCodeAsync(Attacker.IssuerState(offer)!);
        var refused = await attacker.AuthorizationCodeTokenAsync(code!, verifier, "test-wallet", Assertion);
        Assert.Equal("invalid_client", refused.Error);
    }

    [Fact]
    public async Task Refresh_request_with_an_unsupported_client_assertion_is_rejected_with_invalid_client()
    {
        using var attacker = new Attacker(fixture);
        var (_, offer, _) = await attacker.OfferAsync(txCode: false);
        var first = await attacker.PreAuthorizedTokenAsync(Attacker.PreAuthorizedCode(offer), null);
        var refused = await attacker.RefreshAsync(first.Get("refresh_token")!, Assertion);
        Assert.Equal("invalid_client", refused.Error);
        Assert.True((await attacker.RefreshAsync(first.Get("refresh_token")!)).Ok);
    }

    [Fact]
    public async Task Token_request_with_a_client_secret_or_basic_authentication_is_rejected_with_invalid_client()
    {
        using var attacker = new Attacker(fixture);
        var (_, offer, _) = await attacker.OfferAsync(txCode: false);
        var code = Attacker.PreAuthorizedCode(offer);
        var secret = await attacker.PreAuthorizedTokenAsync(code, null, ("client_id", "test-wallet"), ("client_secret", "s3cret"));
        Assert.Equal("invalid_client", secret.Error);

        var basic = await attacker.PostFormAsync("/token", [new("grant_type", TestWallet.PreAuthorizedGrant), new("pre-authorized_code", code)], new AuthenticationHeaderValue("Basic", Convert.ToBase64String("test-wallet:s3cret"u8.ToArray())));
        Assert.Equal(HttpStatusCode.Unauthorized, basic.Status);
        Assert.Equal("invalid_client", basic.Error);

        Assert.True((await attacker.PreAuthorizedTokenAsync(code, null)).Ok);
    }

    [Fact]
    public async Task Pushed_authorization_request_with_an_unsupported_client_assertion_is_rejected_with_invalid_client()
    {
        using var attacker = new Attacker(fixture);
        var (_, challenge) = Attacker.Pkce();
        var refused = await attacker.PushAsync(challenge, "any", "test-wallet", Assertion);
        Assert.Equal("invalid_client", refused.Error);
    }
}
