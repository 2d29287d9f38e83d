using System.Net;
using GaiaX.Oid4vc.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.WebConsole.Tests;

/// <summary>
/// The console as deployed: operators sign in with OpenID Connect at the configured authority (here a stand-in serving only
/// its discovery document), and without an authority or the development sign-in it does not start.
/// </summary>
public sealed class ProductionSignInTests : IAsyncLifetime
{
    private WebApplication _provider = null!;
    private WebApplication _console = null!;
    private Uri _providerUrl = null!;
    private Uri _consoleUrl = null!;

    public async Task InitializeAsync()
    {
        _provider = StartProvider();
        await _provider.StartAsync();
        _providerUrl = new Uri(Address(_provider));
        _console = ConsoleProgram.Create(
            [
                "--urls=http://127.0.0.1:0",
                $"--Console:Authority={_providerUrl.ToString().TrimEnd('/')}",
                "--Console:ClientId=gaiax-console",
                .. ServiceArgs(),
            ],
            builder => builder.Services.UseEmbeddedLifetime());
        await _console.StartAsync();
        _consoleUrl = new Uri(Address(_console));
    }

    public async Task DisposeAsync()
    {
        await _console.StopAsync();
        await _console.DisposeAsync();
        await _provider.StopAsync();
        await _provider.DisposeAsync();
    }

    [Fact]
    public async Task Anonymous_request_is_sent_to_sign_in_and_from_there_to_the_OpenID_provider_with_PKCE()
    {
        using var anonymous = new ConsoleHttpSession(_consoleUrl);

        var (page, _) = await anonymous.GetAsync("/Issue");
        var (signIn, _) = await anonymous.GetAsync(page.Headers.Location!.PathAndQuery);

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/signin", page.Headers.Location!.AbsolutePath);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var authorize = signIn.Headers.Location!;
        Assert.Equal(new Uri(_providerUrl, "/authorize").ToString(), authorize.GetLeftPart(UriPartial.Path));
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(authorize.Query);
        Assert.Equal("gaiax-console", query["client_id"]);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.Contains("issuer.offers.write", query["scope"].ToString());
    }

    [Fact]
    public async Task Development_sign_in_does_not_exist_when_an_authority_is_configured()
    {
        using var anonymous = new ConsoleHttpSession(_consoleUrl);

        using var attempt = await anonymous.PostAsync("/signin", []);
        var (page, _) = await anonymous.GetAsync("/Issue");

        Assert.True(attempt.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound, $"answered {(int)attempt.StatusCode}");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
    }

    [Fact]
    public async Task Console_without_an_authority_or_the_development_sign_in_refuses_to_start_naming_the_setting()
    {
        await using var console = ConsoleProgram.Create(
            ["--urls=http://127.0.0.1:0", .. ServiceArgs()],
            builder => builder.Services.UseEmbeddedLifetime());

        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => console.StartAsync());

        Assert.Contains("Setting 'Console:Authority' is invalid", refused.Message);
    }

    private static string[] ServiceArgs() =>
    [
        "--Console:Services:Issuer=http://127.0.0.1:1",
        "--Console:Services:Verifier=http://127.0.0.1:1",
        "--Console:Services:Notary=http://127.0.0.1:1",
        "--Console:Services:Compliance=http://127.0.0.1:1",
        "--Console:Services:Registry=http://127.0.0.1:1",
    ];

    /// <summary>An OpenID provider that serves its discovery document and an empty key set: enough to be redirected to.</summary>
    private static WebApplication StartProvider()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapGet("/.well-known/openid-configuration", (HttpContext context) =>
        {
            var issuer = $"{context.Request.Scheme}://{context.Request.Host}";
            return Results.Json(new Dictionary<string, object>
            {
                ["issuer"] = issuer,
                ["authorization_endpoint"] = issuer + "/authorize",
                ["token_endpoint"] = issuer + "/token",
                ["jwks_uri"] = issuer + "/jwks",
                ["end_session_endpoint"] = issuer + "/logout",
                ["response_types_supported"] = new[] { "code" },
                ["subject_types_supported"] = new[] { "public" },
                ["id_token_signing_alg_values_supported"] = new[] { "ES256" },
                ["code_challenge_methods_supported"] = new[] { "S256" },
            });
        });
        app.MapGet("/jwks", () => Results.Json(new { keys = Array.Empty<object>() }));
        return app;
    }

    private static string Address(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
}
