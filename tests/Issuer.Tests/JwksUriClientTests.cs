using System.Security.Cryptography;
using Duende.IdentityModel;
using Duende.IdentityModel.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Issuer.Tests;

/// <summary>A registered client whose keys are at its jwks_uri (a local server), and one whose jwks_uri is a metadata address.</summary>
public sealed class JwksUriClientFixture : IAsyncLifetime
{
    private WebApplication? _jwksHost;

    public ECDsa FirstKey { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public ECDsa RotatedKey { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public string Jwks { get; set; } = string.Empty;

    public int Fetches;

    public IssuerFixture Issuer { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Jwks = ClientAuthenticationFixture.Jwks(FirstKey, "k1");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _jwksHost = builder.Build();
        _jwksHost.MapGet("/jwks.json", () =>
        {
            Interlocked.Increment(ref Fetches);
            return Results.Text(Jwks, "application/json");
        });
        await _jwksHost.StartAsync();
        Issuer = new IssuerFixture
        {
            ExtraArgs =
            [
                "--DidWeb:AllowHttpLoopback=true",
                "--Issuer:Clients:0:ClientId=uri-client",
                $"--Issuer:Clients:0:JwksUri={_jwksHost.Urls.First()}/jwks.json",
                "--Issuer:Clients:1:ClientId=metadata-client",
                "--Issuer:Clients:1:JwksUri=https://169.254.169.254/jwks.json",
            ],
        };
        await Issuer.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Issuer.DisposeAsync();
        if (_jwksHost is not null)
        {
            await _jwksHost.DisposeAsync();
        }
        FirstKey.Dispose();
        RotatedKey.Dispose();
    }
}

/// <summary><c>private_key_jwt</c> with keys at the client's <c>jwks_uri</c>: fetched through the SSRF guard, cached, refetched on rotation.</summary>
public sealed class JwksUriClientTests(JwksUriClientFixture fixture) : IClassFixture<JwksUriClientFixture>
{
    private IssuerFixture Issuer => fixture.Issuer;

    private string Assertion(string clientId, ECDsa key, string kid) =>
        ClientAuthenticationFixture.Sign(key, "client-authentication+jwt", new Dictionary<string, object>
        {
            ["iss"] = clientId,
            ["sub"] = clientId,
            ["aud"] = Issuer.IssuerId,
            ["exp"] = Issuer.Time.GetUtcNow().ToUnixTimeSeconds() + 120,
            ["jti"] = Guid.NewGuid().ToString("N"),
        }, kid);

    private Task<PushedAuthorizationResponse> PushAsync(string clientId, string assertion)
    {
        var request = ParRequests.For(Issuer, clientId);
        request.ClientAssertion = new ClientAssertion { Type = OidcConstants.ClientAssertionTypes.JwtBearer, Value = assertion };
        return Issuer.Client.PushAuthorizationAsync(request);
    }

    [Fact]
    public async Task Keys_at_the_jwks_uri_are_fetched_once_kept_and_fetched_again_after_a_rotation_at_most_every_30_seconds()
    {
        Assert.False((await PushAsync("uri-client", Assertion("uri-client", fixture.FirstKey, "k1"))).IsError);
        Assert.False((await PushAsync("uri-client", Assertion("uri-client", fixture.FirstKey, "k1"))).IsError);
        Assert.Equal(1, fixture.Fetches);

        fixture.Jwks = ClientAuthenticationFixture.Jwks(fixture.RotatedKey, "k2");
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(OidcConstants.TokenErrors.InvalidClient, (await PushAsync("uri-client", Assertion("uri-client", fixture.RotatedKey, "k2"))).Error);
        }
        Assert.Equal(1, fixture.Fetches);

        Issuer.Time.Advance(TimeSpan.FromSeconds(31));
        var rotated = await PushAsync("uri-client", Assertion("uri-client", fixture.RotatedKey, "k2"));

        Assert.False(rotated.IsError, rotated.Raw);
        Assert.Equal(2, fixture.Fetches);
    }

    [Fact]
    public async Task A_jwks_uri_on_a_link_local_address_is_never_fetched_and_the_client_is_invalid_client()
    {
        var response = await PushAsync("metadata-client", Assertion("metadata-client", fixture.FirstKey, "k1"));

        Assert.Equal(OidcConstants.TokenErrors.InvalidClient, response.Error);
        Assert.Contains("may not be reached", response.Raw, StringComparison.Ordinal);
    }
}
