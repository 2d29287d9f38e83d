using System.Text.Json;
using GaiaX.Oid4vc.Credentials.Jose;
using GaiaX.Oid4vc.Credentials.Net;
using GaiaX.Oid4vc.Credentials.Status;
using Microsoft.Extensions.Time.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace GaiaX.Oid4vc.Credentials.Tests;

/// <summary>Status checks against lists served over real HTTP (WireMock.Net on loopback, allow-listed by endpoint).</summary>
public sealed class StatusListClientTests : IDisposable
{
    private const string Issuer = "did:web:issuer.example";
    private readonly WireMockServer _server = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly SigningKey _key = SigningKey.CreateEs256(Issuer + "#key-1");
    private readonly HttpClient _http;

    public StatusListClientTests()
    {
        var guard = new SsrfGuardOptions();
        guard.AllowedEndpoints.Add($"127.0.0.1:{new Uri(_server.Url!).Port}");
        _http = GuardedHttpClient.Create(new SsrfGuard(guard), Timeout.InfiniteTimeSpan);
    }

    public void Dispose()
    {
        _server.Stop();
        _http.Dispose();
        _key.Dispose();
    }

    private Uri Url(string path) => new(_server.Url + path);

    private StatusListClient Client(StatusListClientOptions? options = null, string controller = Issuer) =>
        new(_http, new StaticKeyResolver().Add(_key.KeyId!, _key.PublicKey, controller), _time, options ?? new StatusListClientOptions());

    private void ServeTokenList(string path, TokenStatusList list, TimeSpan ttl, int delayMs = 0) =>
        _server.Given(Request.Create().WithPath(path).UsingGet())
            .RespondWith((delayMs > 0 ? Response.Create().WithDelay(delayMs) : Response.Create()).WithStatusCode(200).WithHeader("Content-Type", StatusListCredentials.StatusListJwtMediaType)
                .WithBody(StatusListCredentials.SignTokenStatusList(Url(path), list, _key, Issuer, _time.GetUtcNow(), _time.GetUtcNow().AddDays(1), ttl)));

    private void ServeBitstringList(string path, string purpose, BitstringStatusList list) =>
        _server.Given(Request.Create().WithPath(path).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/vc+jwt")
                .WithBody(StatusListCredentials.SignBitstringStatusList(Url(path), purpose, list, _key, Issuer, _time.GetUtcNow(), _time.GetUtcNow().AddDays(1), TimeSpan.FromMinutes(5), _time)));

    [Fact]
    public async Task Token_status_list_entries_read_valid_revoked_and_suspended()
    {
        var list = new TokenStatusList(1024, bits: 2) { [3] = TokenStatusList.Invalid, [4] = TokenStatusList.Suspended };
        ServeTokenList("/lists/1", list, TimeSpan.FromMinutes(5));
        var client = Client();

        Assert.Equal(CredentialStatusState.Valid, (await client.CheckAsync(Issuer, [new(Url("/lists/1"), 2, null)])).State);
        Assert.Equal(CredentialStatusState.Revoked, (await client.CheckAsync(Issuer, [new(Url("/lists/1"), 3, null)])).State);
        Assert.Equal(CredentialStatusState.Suspended, (await client.CheckAsync(Issuer, [new(Url("/lists/1"), 4, null)])).State);
        Assert.Single(_server.LogEntries); // one fetch, reused for its ttl
    }

    [Fact]
    public async Task Bitstring_entries_of_a_vc_jwt_read_revocation_and_suspension_from_their_own_lists()
    {
        var revocation = new BitstringStatusList { [7] = true };
        var suspension = new BitstringStatusList { [8] = true };
        ServeBitstringList("/lists/2/revocation", StatusPurposes.Revocation, revocation);
        ServeBitstringList("/lists/2/suspension", StatusPurposes.Suspension, suspension);
        var client = Client();
        IReadOnlyList<StatusListReference> EntriesAt(int index)
        {
            using var payload = JsonDocument.Parse(new System.Text.Json.Nodes.JsonObject
            {
                ["credentialStatus"] = StatusListCredentials.BitstringEntries(Url("/lists/2/revocation"), Url("/lists/2/suspension"), index),
            }.ToJsonString());
            return StatusListCredentials.References(payload.RootElement);
        }

        Assert.Equal(CredentialStatusState.Valid, (await client.CheckAsync(Issuer, EntriesAt(6))).State);
        Assert.Equal(CredentialStatusState.Revoked, (await client.CheckAsync(Issuer, EntriesAt(7))).State);
        Assert.Equal(CredentialStatusState.Suspended, (await client.CheckAsync(Issuer, EntriesAt(8))).State);
    }

    [Fact]
    public async Task A_list_that_does_not_answer_in_time_gives_status_unknown_never_revoked()
    {
        ServeTokenList("/slow", new TokenStatusList(8, bits: 2) { [0] = TokenStatusList.Invalid }, TimeSpan.FromMinutes(5), delayMs: 3000);
        var client = Client(new StatusListClientOptions { Timeout = TimeSpan.FromMilliseconds(300) });

        var result = await client.CheckAsync(Issuer, [new(Url("/slow"), 0, null)]);

        Assert.Equal(CredentialStatusState.Unknown, result.State);
        Assert.Contains("did not answer", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_list_signed_by_another_issuer_gives_status_unknown()
    {
        ServeTokenList("/other", new TokenStatusList(8, bits: 2), TimeSpan.FromMinutes(5));

        var result = await Client(controller: "did:web:someone-else.example").CheckAsync(Issuer, [new(Url("/other"), 0, null)]);

        Assert.Equal(CredentialStatusState.Unknown, result.State);
        Assert.Contains("not by the credential's issuer", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_list_served_under_another_url_than_its_sub_gives_status_unknown()
    {
        // A list copied from elsewhere: signed, but for another URL.
        var list = new TokenStatusList(8, bits: 2);
        _server.Given(Request.Create().WithPath("/copy").UsingGet()).RespondWith(Response.Create().WithStatusCode(200)
            .WithBody(StatusListCredentials.SignTokenStatusList(Url("/original"), list, _key, Issuer, _time.GetUtcNow(), _time.GetUtcNow().AddDays(1), TimeSpan.FromMinutes(5))));

        var result = await Client().CheckAsync(Issuer, [new(Url("/copy"), 0, null)]);

        Assert.Equal(CredentialStatusState.Unknown, result.State);
    }

    [Fact]
    public async Task A_revocation_is_seen_once_the_cached_list_outlives_its_ttl()
    {
        var list = new TokenStatusList(8, bits: 2);
        var fetches = 0;
        // One mapping whose body is the list as it is when fetched: no swap of mappings the server could race with.
        _server.Given(Request.Create().WithPath("/ttl").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", StatusListCredentials.StatusListJwtMediaType)
                .WithBody(_ =>
                {
                    Interlocked.Increment(ref fetches);
                    return StatusListCredentials.SignTokenStatusList(Url("/ttl"), list, _key, Issuer, _time.GetUtcNow(), _time.GetUtcNow().AddDays(1), TimeSpan.FromMinutes(1));
                }));
        var client = Client();
        Assert.Equal(CredentialStatusState.Valid, (await client.CheckAsync(Issuer, [new(Url("/ttl"), 5, null)])).State);

        list[5] = TokenStatusList.Invalid;
        Assert.Equal(CredentialStatusState.Valid, (await client.CheckAsync(Issuer, [new(Url("/ttl"), 5, null)])).State);
        Assert.Equal(1, fetches);
        _time.Advance(TimeSpan.FromSeconds(61));

        Assert.Equal(CredentialStatusState.Revoked, (await client.CheckAsync(Issuer, [new(Url("/ttl"), 5, null)])).State);
    }

    [Fact]
    public async Task The_worst_of_several_entries_wins_and_an_unknown_one_does_not_hide_a_revocation()
    {
        ServeTokenList("/a", new TokenStatusList(8, bits: 2) { [1] = TokenStatusList.Invalid }, TimeSpan.FromMinutes(5));
        _server.Given(Request.Create().WithPath("/down").UsingGet()).RespondWith(Response.Create().WithStatusCode(503));

        var result = await Client().CheckAsync(Issuer, [new(Url("/down"), 0, null), new(Url("/a"), 1, null)]);

        Assert.Equal(CredentialStatusState.Revoked, result.State);
    }

    [Fact]
    public async Task A_list_on_a_mapped_host_is_fetched_from_its_in_cluster_url_past_the_ssrf_guard()
    {
        // As in the dev cluster: the list names the public host, which does not resolve inside the cluster.
        var list = new TokenStatusList(8, bits: 2) { [2] = TokenStatusList.Invalid };
        var publicUrl = new Uri("https://issuer.gaiax.localhost/status-lists/1");
        _server.Given(Request.Create().WithPath("/status-lists/1").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200)
                .WithBody(StatusListCredentials.SignTokenStatusList(publicUrl, list, _key, Issuer, _time.GetUtcNow(), _time.GetUtcNow().AddDays(1), TimeSpan.FromMinutes(5))));
        using var guarded = GuardedHttpClient.Create(new SsrfGuard(new SsrfGuardOptions()), Timeout.InfiniteTimeSpan);
        var client = new StatusListClient(
            guarded,
            new StaticKeyResolver().Add(_key.KeyId!, _key.PublicKey, Issuer),
            _time,
            new StatusListClientOptions(),
            new Dictionary<string, Uri> { ["issuer.gaiax.localhost"] = new(_server.Url!) });

        var result = await client.CheckAsync(Issuer, [new(publicUrl, 2, null)]);

        Assert.Equal(CredentialStatusState.Revoked, result.State);
    }
}
