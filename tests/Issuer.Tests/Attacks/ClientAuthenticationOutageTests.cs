using System.Net;
using System.Security.Cryptography;
using Duende.IdentityModel;
using Duende.IdentityModel.Client;
using GaiaX.Oid4vc.Dapr.Embedded;
using GaiaX.Oid4vc.Testing;

namespace Issuer.Tests.Attacks;

/// <summary>An Issuer with a registered client whose state store goes down on cue.</summary>
public sealed class ClientAuthenticationOutageFixture : IAsyncLifetime
{
    public FaultInjectingEmbeddedStorage Storage { get; } = new(new InMemoryEmbeddedStorage());

    public ECDsa ClientKey { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public IssuerFixture Issuer { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Issuer = new IssuerFixture
        {
            Storage = Storage,
            ExtraArgs = ["--Issuer:Clients:0:ClientId=c1", "--Issuer:Clients:0:Jwks=" + ClientAuthenticationFixture.Jwks(ClientKey, "k1")],
        };
        return Issuer.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Issuer.DisposeAsync();
        ClientKey.Dispose();
    }
}

/// <summary>
/// The state store down while a client assertion's jti is recorded: a 503 with Retry-After, and the assertion (never
/// recorded) still good for the retry once the store is back.
/// </summary>
public sealed class ClientAuthenticationOutageTests(ClientAuthenticationOutageFixture fixture) : IClassFixture<ClientAuthenticationOutageFixture>
{
    [Fact]
    public async Task A_store_outage_while_recording_the_assertion_is_503_with_Retry_After_and_the_retry_succeeds()
    {
        var issuer = fixture.Issuer;
        var assertion = ClientAuthenticationFixture.Sign(fixture.ClientKey, "client-authentication+jwt", new Dictionary<string, object>
        {
            ["iss"] = "c1",
            ["sub"] = "c1",
            ["aud"] = issuer.IssuerId,
            ["exp"] = issuer.Time.GetUtcNow().ToUnixTimeSeconds() + 120,
            ["jti"] = Guid.NewGuid().ToString("N"),
        }, "k1");
        Duende.IdentityModel.Client.PushedAuthorizationRequest Par()
        {
            var request = ParRequests.For(issuer, "c1");
            request.ClientAssertion = new ClientAssertion { Type = OidcConstants.ClientAssertionTypes.JwtBearer, Value = assertion };
            return request;
        }

        fixture.Storage.FailAfter(0);
        PushedAuthorizationResponse down;
        try
        {
            down = await issuer.Client.PushAuthorizationAsync(Par());
        }
        finally
        {
            fixture.Storage.Heal();
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.HttpStatusCode);
        Assert.NotNull(down.HttpResponse!.Headers.RetryAfter);
        var retry = await issuer.Client.PushAuthorizationAsync(Par());
        Assert.False(retry.IsError, retry.Raw);
    }
}
