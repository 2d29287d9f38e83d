using System.Net;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Credentials.DidWeb;
using GaiaX.Oid4vc.Credentials.Jose;
using GaiaX.Oid4vc.Credentials.Net;
using Microsoft.Extensions.Time.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace GaiaX.Oid4vc.Credentials.Tests;

/// <summary>did:web resolution against a real HTTP host (WireMock.Net on loopback, allow-listed by exact endpoint).</summary>
public sealed class DidWebResolverTests : IDisposable
{
    private readonly WireMockServer _server;
    private readonly int _port;
    private readonly string _did;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));

    public DidWebResolverTests()
    {
        // Port 0: the kernel picks the port as Kestrel binds, so no other process can take it first.
        _server = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
        _port = new Uri(_server.Url!).Port;
        _did = $"did:web:127.0.0.1%3A{_port}";
    }

    public void Dispose() => _server.Stop();

    private static string Document(string did) => new JsonObject
    {
        ["@context"] = new JsonArray("https://www.w3.org/ns/did/v1"),
        ["id"] = did,
        ["verificationMethod"] = new JsonArray(new JsonObject
        {
            ["id"] = did + "#key-1",
            ["type"] = "JsonWebKey2020",
            ["controller"] = did,
            ["publicKeyJwk"] = new JsonObject { ["kty"] = "EC", ["crv"] = "P-256", ["x"] = "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU", ["y"] = "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0", ["alg"] = "ES256" },
        }),
    }.ToJsonString();

    private void Serve(string path, Func<IResponseBuilder, IResponseBuilder>? shape = null) =>
        _server.Given(Request.Create().WithPath(path).UsingGet())
            .RespondWith((shape ?? (r => r))(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/did+json").WithBody(Document(_did))));

    /// <summary>A resolver whose guard lets exactly the WireMock endpoint through (nothing else on loopback).</summary>
    private (DidWebResolver Resolver, HttpClient Http) Resolver(DidWebOptions? options = null)
    {
        options ??= new DidWebOptions { AllowHttpLoopback = true };
        var guard = new SsrfGuardOptions();
        guard.AllowedEndpoints.Add($"127.0.0.1:{_port}");
        var http = GuardedHttpClient.Create(new SsrfGuard(guard), Timeout.InfiniteTimeSpan);
        return (new DidWebResolver(http, options, _time), http);
    }

    [Fact]
    public async Task Did_document_is_resolved_from_the_well_known_path()
    {
        Serve("/.well-known/did.json");
        var (resolver, http) = Resolver();
        using var _ = http;
        var result = await resolver.ResolveAsync(_did);
        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal(_did, result.Value.Id);
        Assert.NotNull(result.Value.FindVerificationMethod(_did + "#key-1"));
        Assert.Null(result.Value.FindVerificationMethod(_did + "#key-2"));
    }

    [Fact]
    public async Task Did_with_path_segments_is_resolved_from_the_path_form()
    {
        var did = _did + ":issuers:one";
        _server.Given(Request.Create().WithPath("/issuers/one/did.json").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(Document(did)));
        var (resolver, http) = Resolver();
        using var _ = http;
        var result = await resolver.ResolveAsync(did);
        Assert.True(result.Succeeded, result.Error?.ToString());
    }

    [Fact]
    public async Task Not_found_document_is_a_resolution_failure()
    {
        _server.Given(Request.Create().WithPath("/.well-known/did.json")).RespondWith(Response.Create().WithStatusCode(404));
        var (resolver, http) = Resolver();
        using var _ = http;
        var result = await resolver.ResolveAsync(_did);
        Assert.Equal(VerificationFailure.DidResolutionFailed, result.Error?.Reason);
        Assert.Contains("404", result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Oversized_document_is_refused()
    {
        _server.Given(Request.Create().WithPath("/.well-known/did.json"))
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(new string(' ', 100_000) + Document(_did)));
        var (resolver, http) = Resolver(new DidWebOptions { AllowHttpLoopback = true, MaxDocumentBytes = 64 * 1024 });
        using var _ = http;
        var result = await resolver.ResolveAsync(_did);
        Assert.Equal(VerificationFailure.Oversized, result.Error?.Reason);
    }

    [Fact]
    public async Task Slow_answer_times_out()
    {
        Serve("/.well-known/did.json", r => r.WithDelay(TimeSpan.FromSeconds(5)));
        var (resolver, http) = Resolver(new DidWebOptions
        {
            AllowHttpLoopback = true, AttemptTimeout = TimeSpan.FromMilliseconds(300), Timeout = TimeSpan.FromMilliseconds(900), MaxRetries = 1, RetryDelay = TimeSpan.FromMilliseconds(10),
        });
        using var _ = http;
        var result = await resolver.ResolveAsync(_did);
        Assert.Equal(VerificationFailure.DidResolutionFailed, result.Error?.Reason);
        Assert.Contains("timed out", result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transient_server_error_is_retried()
    {
        _server.Given(Request.Create().WithPath("/.well-known/did.json")).InScenario("flaky").WillSetStateTo("recovered")
            .RespondWith(Response.Create().WithStatusCode(503));
        _server.Given(Request.Create().WithPath("/.well-known/did.json")).InScenario("flaky").WhenStateIs("recovered")
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(Document(_did)));
        var (resolver, http) = Resolver(new DidWebOptions { AllowHttpLoopback = true, RetryDelay = TimeSpan.FromMilliseconds(10) });
        using var _ = http;
        var result = await resolver.ResolveAsync(_did);
        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal(2, _server.LogEntries.Count());
    }

    [Theory]
    [InlineData("https://10.0.0.1/did.json")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://[fd00::1]/did.json")]
    [InlineData("https://192.168.1.1/did.json")]
    public async Task Redirect_to_a_private_address_is_refused(string location)
    {
        _server.Given(Request.Create().WithPath("/.well-known/did.json"))
            .RespondWith(Response.Create().WithStatusCode(302).WithHeader("Location", location));
        var (resolver, http) = Resolver();
        using var _ = http;
        var result = await resolver.ResolveAsync(_did);
        Assert.Equal(VerificationFailure.AddressRefused, result.Error?.Reason);
    }

    [Fact]
    public async Task Redirect_to_another_loopback_port_that_is_not_allow_listed_is_refused()
    {
        using var other = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
        other.Given(Request.Create().WithPath("/did.json")).RespondWith(Response.Create().WithStatusCode(200).WithBody(Document(_did)));
        _server.Given(Request.Create().WithPath("/.well-known/did.json"))
            .RespondWith(Response.Create().WithStatusCode(307).WithHeader("Location", $"{other.Url}/did.json"));
        var (resolver, http) = Resolver();
        using var _ = http;
        var result = await resolver.ResolveAsync(_did);
        Assert.Equal(VerificationFailure.AddressRefused, result.Error?.Reason);
        Assert.Empty(other.LogEntries);
    }

    [Fact]
    public async Task Redirect_from_https_rules_to_plain_http_is_refused()
    {
        _server.Given(Request.Create().WithPath("/.well-known/did.json"))
            .RespondWith(Response.Create().WithStatusCode(302).WithHeader("Location", "http://example.com/did.json"));
        var (resolver, http) = Resolver();
        using var _ = http;
        var result = await resolver.ResolveAsync(_did);
        Assert.Equal(VerificationFailure.DidResolutionFailed, result.Error?.Reason);
        Assert.Contains("HTTPS only", result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Host_name_resolving_to_loopback_is_refused_after_dns_resolution()
    {
        Serve("/.well-known/did.json");
        using var http = GuardedHttpClient.Create(new SsrfGuard(new SsrfGuardOptions()), Timeout.InfiniteTimeSpan);
        var resolver = new DidWebResolver(http, new DidWebOptions { AllowHttpLoopback = true, MaxRetries = 0 }, _time);
        var result = await resolver.ResolveAsync($"did:web:localhost%3A{_port}");
        Assert.Equal(VerificationFailure.AddressRefused, result.Error?.Reason);
        Assert.Empty(_server.LogEntries);
    }

    [Theory]
    [InlineData("{\"id\": ")]
    [InlineData("[]")]
    [InlineData("{\"id\":\"did:web:someone.else\"}")]
    [InlineData("{\"id\":\"DID\",\"verificationMethod\":{}}")]
    public async Task Malformed_document_is_a_resolution_failure(string body)
    {
        _server.Given(Request.Create().WithPath("/.well-known/did.json"))
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(body.Replace("DID", _did, StringComparison.Ordinal)));
        var (resolver, http) = Resolver();
        using var _ = http;
        var result = await resolver.ResolveAsync(_did);
        Assert.Equal(VerificationFailure.DidResolutionFailed, result.Error?.Reason);
    }

    [Fact]
    public async Task Resolved_document_is_cached_until_it_expires()
    {
        Serve("/.well-known/did.json");
        var (resolver, http) = Resolver(new DidWebOptions { AllowHttpLoopback = true, CacheDuration = TimeSpan.FromMinutes(5) });
        using var _ = http;
        Assert.True((await resolver.ResolveAsync(_did)).Succeeded);
        Assert.True((await resolver.ResolveAsync(_did)).Succeeded);
        Assert.Single(_server.LogEntries);
        _time.Advance(TimeSpan.FromMinutes(6));
        Assert.True((await resolver.ResolveAsync(_did)).Succeeded);
        Assert.Equal(2, _server.LogEntries.Count());
    }

    [Theory]
    [InlineData("did:web:example.com", "https://example.com/.well-known/did.json")]
    [InlineData("did:web:example.com%3A8443", "https://example.com:8443/.well-known/did.json")]
    [InlineData("did:web:example.com:issuers:42", "https://example.com/issuers/42/did.json")]
    [InlineData("did:web:example.com%3A8443:a%20b", "https://example.com:8443/a%20b/did.json")]
    [InlineData("did:web:127.0.0.1%3A5101", "https://127.0.0.1:5101/.well-known/did.json")]
    public void Did_maps_to_its_https_document_url(string did, string url) =>
        Assert.Equal(url, DidWebUrl.ToDocumentUrl(did).Value!.AbsoluteUri);

    [Theory]
    [InlineData("did:web:127.0.0.1%3A5101", "http://127.0.0.1:5101/.well-known/did.json")]
    [InlineData("did:web:localhost%3A5101:svc", "http://localhost:5101/svc/did.json")]
    [InlineData("did:web:example.com", "https://example.com/.well-known/did.json")]
    public void Plain_http_is_used_only_for_loopback_hosts_when_enabled(string did, string url) =>
        Assert.Equal(url, DidWebUrl.ToDocumentUrl(did, allowHttpLoopback: true).Value!.AbsoluteUri);

    [Theory]
    [InlineData("did:web:")]
    [InlineData("did:key:z6Mk")]
    [InlineData("did:web:example.com#key-1")]
    [InlineData("did:web:example.com%3Ahttps")]
    [InlineData("did:web:example.com%3A70000")]
    [InlineData("did:web:exa_mple.com")]
    [InlineData("did:web:example.com::x")]
    [InlineData("did:web:example.com:..:admin")]
    [InlineData("did:web:example.com:a%2Fb")]
    [InlineData("did:web:user@example.com")]
    public void Invalid_did_web_is_refused_before_any_request(string did) =>
        Assert.Equal(VerificationFailure.InvalidDid, DidWebUrl.ToDocumentUrl(did).Error?.Reason);

    [Theory]
    [InlineData("https://example.com", "did:web:example.com")]
    [InlineData("http://127.0.0.1:5101", "did:web:127.0.0.1%3A5101")]
    [InlineData("https://gaia-x.example.org/notary/v1", "did:web:gaia-x.example.org:notary:v1")]
    public void Service_did_is_derived_from_its_public_base_url(string baseUrl, string did) =>
        Assert.Equal(did, DidWebUrl.FromBaseUrl(new Uri(baseUrl)));

    [Theory]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("192.168.0.1")]
    [InlineData("127.0.0.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("::1")]
    [InlineData("fe80::1")]
    [InlineData("fc00::1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("64:ff9b::a00:1")]
    public void Special_purpose_address_is_refused_by_the_guard(string address) =>
        Assert.True(new SsrfGuard(new SsrfGuardOptions()).IsRefused(IPAddress.Parse(address), 443));

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("2a00:1450:4001:82b::200e")]
    public void Public_address_passes_the_guard(string address) =>
        Assert.False(new SsrfGuard(new SsrfGuardOptions()).IsRefused(IPAddress.Parse(address), 443));

    [Fact]
    public void Allow_listed_endpoint_passes_only_on_its_port()
    {
        var options = new SsrfGuardOptions();
        options.AllowedEndpoints.Add("127.0.0.1:8080");
        var guard = new SsrfGuard(options);
        Assert.False(guard.IsRefused(IPAddress.Loopback, 8080));
        Assert.True(guard.IsRefused(IPAddress.Loopback, 8081));
    }

    [Fact]
    public async Task A_mapped_did_host_is_fetched_from_its_configured_base_url_past_the_ssrf_guard()
    {
        // The public host does not resolve (as a cluster's ingress host inside the cluster); the mapping names
        // the in-cluster URL, here a loopback address the guard of this resolver would refuse.
        const string did = "did:web:issuer.gaiax.localhost";
        _server.Given(Request.Create().WithPath("/.well-known/did.json").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/did+json").WithBody(Document(did)));
        var options = new DidWebOptions { MaxRetries = 0 };
        options.Hosts["issuer.gaiax.localhost"] = _server.Url!;
        using var http = GuardedHttpClient.Create(new SsrfGuard(new SsrfGuardOptions()), Timeout.InfiniteTimeSpan);
        var resolver = new DidWebResolver(http, options, _time);

        var result = await resolver.ResolveAsync(did);

        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal(did, result.Value.Id);
    }

    [Fact]
    public async Task A_mapped_did_host_that_redirects_is_not_followed()
    {
        const string did = "did:web:issuer.gaiax.localhost";
        _server.Given(Request.Create().WithPath("/.well-known/did.json").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(302).WithHeader("Location", "https://attacker.example/did.json"));
        var options = new DidWebOptions { MaxRetries = 0 };
        options.Hosts["issuer.gaiax.localhost"] = _server.Url!;
        using var http = GuardedHttpClient.Create(new SsrfGuard(new SsrfGuardOptions()), Timeout.InfiniteTimeSpan);
        var resolver = new DidWebResolver(http, options, _time);

        var result = await resolver.ResolveAsync(did);

        Assert.False(result.Succeeded);
        Assert.Contains("redirect", result.Error!.Message, StringComparison.Ordinal);
        Assert.Single(_server.LogEntries);
    }

    [Fact]
    public async Task Unmapped_did_hosts_still_go_through_the_ssrf_guard()
    {
        var options = new DidWebOptions { AllowHttpLoopback = true, MaxRetries = 0 };
        options.Hosts["issuer.gaiax.localhost"] = "http://127.0.0.1:1";
        using var http = GuardedHttpClient.Create(new SsrfGuard(new SsrfGuardOptions()), Timeout.InfiniteTimeSpan);
        Serve("/.well-known/did.json");
        var resolver = new DidWebResolver(http, options, _time);

        var result = await resolver.ResolveAsync(_did);

        Assert.Equal(VerificationFailure.AddressRefused, result.Error?.Reason);
        Assert.Empty(_server.LogEntries);
    }

    [Fact]
    public void A_mapped_did_host_without_an_absolute_http_url_names_the_setting()
    {
        var options = new DidWebOptions();
        options.Hosts["issuer.gaiax.localhost"] = "issuer-service";
        using var http = GuardedHttpClient.Create(new SsrfGuard(new SsrfGuardOptions()), Timeout.InfiniteTimeSpan);

        var failure = Assert.Throws<InvalidOperationException>(() => new DidWebResolver(http, options, _time));

        Assert.Contains("DidWeb:Hosts:issuer.gaiax.localhost", failure.Message, StringComparison.Ordinal);
    }
}
