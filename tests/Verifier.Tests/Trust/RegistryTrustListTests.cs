using System.Net;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Credentials.X509;
using GaiaX.Oid4vc.Dapr;
using GaiaX.Oid4vc.Dapr.Embedded;
using GaiaX.Oid4vc.Dapr.Events;
using GaiaX.Oid4vc.Testing;
using GaiaX.Oid4vc.Verifier.Trust;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Verifier.Tests.Support;

namespace Verifier.Tests.Trust;

/// <summary>
/// The Verifier following the Registry's trust list (trust-list-changed), over real HTTP with the embedded sidecar: a
/// change takes effect without a restart, a revocation is honoured in chain validation, the list survives a restart,
/// and a trust list not known yet is "unavailable" (503, Retry-After), never "untrusted".
/// </summary>
public sealed class RegistryTrustListTests
{
    [Fact]
    public async Task A_credential_whose_ca_is_added_at_the_registry_is_accepted_without_a_restart()
    {
        await using var stack = await FollowingVerifier.StartAsync();
        await stack.StartRegistryAsync(trustRegistryCa: false);
        await stack.WaitForVersionAsync(1);
        using (var before = await stack.RequestAsync())
        {
            using var refused = await before.AnswerAsync(stack.RegistryIssuer);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal("untrusted_issuer", (string?)(await before.StatusAsync())["reasons"]![0]!["code"]);
        }

        var version = await stack.ManageAsync(
            HttpMethod.Post, "/api/management/trust-anchors", new { certificate = stack.RegistryCa.RootPem });
        await stack.WaitForVersionAsync(version);

        using var after = await stack.RequestAsync();
        using var accepted = await after.AnswerAsync(stack.RegistryIssuer);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal("verified", (string?)(await after.StatusAsync())["status"]);
    }

    [Fact]
    public async Task Revoking_the_intermediate_at_the_registry_refuses_its_credentials_as_untrusted_issuer_naming_the_revocation()
    {
        await using var stack = await FollowingVerifier.StartAsync();
        await stack.StartRegistryAsync(trustRegistryCa: true);
        await stack.WaitForVersionAsync(1);
        using (var before = await stack.RequestAsync())
        {
            using var accepted = await before.AnswerAsync(stack.RegistryIssuer);
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }

        var intermediate = stack.RegistryCa.Intermediate!;
        var version = await stack.ManageAsync(
            HttpMethod.Post, "/api/management/revocations", new { certificate = intermediate.ExportCertificatePem() });
        await stack.WaitForVersionAsync(version);

        using var after = await stack.RequestAsync();
        using var refused = await after.AnswerAsync(stack.RegistryIssuer);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var status = await after.StatusAsync();
        Assert.Equal("rejected", (string?)status["status"]);
        var reason = status["reasons"]![0]!;
        Assert.Equal("untrusted_issuer", (string?)reason["code"]);
        Assert.Contains("revoked", (string?)reason["description"], StringComparison.Ordinal);
        Assert.Contains(intermediate.Subject, (string?)reason["description"], StringComparison.Ordinal);
        Assert.Contains(CertificateChainValidator.Sha256Of(intermediate), (string?)reason["description"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_repeated_or_older_trust_list_has_no_effect_even_twice()
    {
        await using var stack = await FollowingVerifier.StartAsync();
        Assert.Equal("SUCCESS", await stack.DeliverAsync(FollowingVerifier.Snapshot(5, [stack.RegistryCa.RootPem])));
        Assert.Equal(5, stack.Trust.Current?.Version);

        // The same version with other contents, and an older one: each delivered twice, none changes anything.
        foreach (var stale in new[] { FollowingVerifier.Snapshot(5, []), FollowingVerifier.Snapshot(4, []) })
        {
            for (var copy = 0; copy < 2; copy++)
            {
                Assert.Equal("SUCCESS", await stack.DeliverAsync(stale));
            }
        }

        Assert.Equal(5, stack.Trust.Current?.Version);
        var stored = await stack.StoredAsync();
        Assert.Equal(5, stored?.Version);
        Assert.Single(stored!.TrustAnchors!);
        using var presentation = await stack.RequestAsync();
        using var accepted = await presentation.AnswerAsync(stack.RegistryIssuer);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task Concurrent_deliveries_in_any_order_leave_the_newest_trust_list_applied_and_stored()
    {
        await using var stack = await FollowingVerifier.StartAsync();
        var versions = Enumerable.Range(1, 12).OrderBy(_ => Random.Shared.Next()).ToList();

        var answers = await Task.WhenAll(
            versions.Select(v => stack.DeliverAsync(FollowingVerifier.Snapshot(v, v == 12 ? [stack.RegistryCa.RootPem] : []))));

        Assert.All(answers, a => Assert.Equal("SUCCESS", a));
        Assert.Equal(12, stack.Trust.Current?.Version);
        Assert.Equal(12, (await stack.StoredAsync())?.Version);
        Assert.Single((await stack.StoredAsync())!.TrustAnchors!);
    }

    [Fact]
    public async Task Following_with_no_trust_list_yet_answers_direct_post_503_with_retry_after_and_does_not_reject_the_request()
    {
        await using var stack = await FollowingVerifier.StartAsync();
        using var presentation = await stack.RequestAsync();

        // The Verifier's own issuer, trusted by its configuration: still not judged while the trust list is unknown.
        using (var unavailable = await presentation.AnswerAsync(stack.Verifier.Issuer))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, unavailable.StatusCode);
            Assert.NotNull(unavailable.Headers.RetryAfter);
            Assert.Equal("temporarily_unavailable", (string?)JsonNode.Parse(await unavailable.Content.ReadAsStringAsync())!["error"]);
        }
        var pending = await presentation.StatusAsync();
        Assert.Equal("retrieved", (string?)pending["status"]);
        Assert.Null(pending["reasons"]);
        using (var readiness = await stack.Verifier.Host.Client.GetAsync(new Uri("/readyz", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, readiness.StatusCode);
        }
        var health = await stack.Verifier.Host.Services.GetRequiredService<HealthCheckService>()
            .CheckHealthAsync(c => c.Name == TrustViewHealthCheck.Name);
        Assert.Equal(HealthStatus.Unhealthy, health.Status);
        Assert.Contains("trust list", health.Entries[TrustViewHealthCheck.Name].Description, StringComparison.Ordinal);

        await stack.StartRegistryAsync(trustRegistryCa: false);
        await stack.WaitForVersionAsync(1);

        // The same response again, now that there is a trust list: judged, and accepted.
        using var accepted = await presentation.AnswerAsync(stack.Verifier.Issuer);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal("verified", (string?)(await presentation.StatusAsync())["status"]);
        using var ready = await stack.Verifier.Host.Client.GetAsync(new Uri("/readyz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public async Task The_trust_list_survives_a_verifier_restart_without_the_registry()
    {
        await using var stack = await FollowingVerifier.StartAsync();
        await stack.StartRegistryAsync(trustRegistryCa: true);
        await stack.WaitForVersionAsync(1);
        await stack.Registry!.DisposeAsync();

        await stack.Verifier.RestartAsync();

        Assert.Equal(1, stack.Trust.Current?.Version);
        using var presentation = await stack.RequestAsync();
        using var accepted = await presentation.AnswerAsync(stack.RegistryIssuer);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task A_replica_that_did_not_receive_the_delivery_takes_the_stored_trust_list()
    {
        await using var stack = await FollowingVerifier.StartAsync(storage: null, "--Verifier:Trust:Registry:RefreshSeconds=1");
        var state = await stack.Verifier.Dapr.StateAsync(AppIds.Verifier);

        // What another replica stores when the delivery reached it.
        await state.SaveAsync(TrustListFollower.StateKey, FollowingVerifier.Snapshot(3, [stack.RegistryCa.RootPem]));

        await stack.WaitForVersionAsync(3);
    }

    [Fact]
    public async Task The_issuer_role_at_the_registry_is_the_issuer_allow_list()
    {
        await using var stack = await FollowingVerifier.StartAsync(
            storage: null, "--Verifier:Trust:Registry:IssuerRole=verifier-trusted-issuer");
        await stack.StartRegistryAsync(trustRegistryCa: true);
        await stack.WaitForVersionAsync(1);
        using (var before = await stack.RequestAsync())
        {
            using var refused = await before.AnswerAsync(stack.RegistryIssuer);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var reason = (await before.StatusAsync())["reasons"]![0]!;
            Assert.Equal("untrusted_issuer", (string?)reason["code"]);
            Assert.Contains("verifier-trusted-issuer", (string?)reason["description"], StringComparison.Ordinal);
        }

        var version = await stack.ManageAsync(
            HttpMethod.Post, "/api/management/trusted-issuers/verifier-trusted-issuer", new { did = stack.RegistryIssuer.Id });
        await stack.WaitForVersionAsync(version);

        using var after = await stack.RequestAsync();
        using var accepted = await after.AnswerAsync(stack.RegistryIssuer);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        // The Verifier's own issuer is on neither list.
        using var other = await stack.RequestAsync();
        using var notListed = await other.AnswerAsync(stack.Verifier.Issuer);
        Assert.Equal(HttpStatusCode.BadRequest, notListed.StatusCode);
    }

    [Fact]
    public async Task A_trust_list_that_cannot_be_stored_is_delivered_again_not_lost()
    {
        var storage = new TrustListOutageStorage(new InMemoryEmbeddedStorage());
        await using var stack = await FollowingVerifier.StartAsync(storage);
        storage.Down = true;

        await stack.Verifier.Dapr.PublishAsync(FollowingVerifier.Snapshot(2, [stack.RegistryCa.RootPem]), AppIds.Registry);
        Assert.True(await Poll.UntilAsync(() => storage.Refused >= 1), "the trust list was never delivered");
        Assert.Null(stack.Trust.Current);
        storage.Down = false;

        await stack.WaitForVersionAsync(2);
        Assert.Equal(2, (await stack.StoredAsync())?.Version);
    }

    [Fact]
    public async Task A_malformed_trust_list_is_dropped_and_changes_nothing()
    {
        await using var stack = await FollowingVerifier.StartAsync();
        Assert.Equal("SUCCESS", await stack.DeliverAsync(FollowingVerifier.Snapshot(1, [stack.RegistryCa.RootPem])));
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        using var leaf = stack.RegistryCa.Issue(key, "Not A CA");

        Assert.Equal("DROP", await stack.DeliverAsync(FollowingVerifier.Snapshot(2, [stack.RegistryCa.RootPem], ["not-a-sha-256"])));
        Assert.Equal("DROP", await stack.DeliverAsync(FollowingVerifier.Snapshot(3, [leaf.ExportCertificatePem()])));
        const string notACertificate = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----";
        Assert.Equal("DROP", await stack.DeliverAsync(FollowingVerifier.Snapshot(4, [notACertificate])));

        Assert.Equal(1, stack.Trust.Current?.Version);
        Assert.Equal(1, (await stack.StoredAsync())?.Version);
    }

    [Fact]
    public async Task A_version_only_event_from_an_older_registry_is_acknowledged_and_changes_nothing()
    {
        await using var stack = await FollowingVerifier.StartAsync();

        Assert.Equal("SUCCESS", await stack.DeliverAsync(new TrustListChanged(9)));

        Assert.Null(stack.Trust.Current);
    }

    [Fact]
    public async Task A_verifier_that_does_not_follow_the_registry_ignores_its_trust_list()
    {
        await using var verifier = await VerifierHost.StartAsync();
        using var ca = new TestPki("Registry-Only Root", withIntermediate: true);
        await using var issuer = await TestIssuer.StartAsync(ca);

        Assert.Equal("SUCCESS", await FollowingVerifier.DeliverAsync(verifier, FollowingVerifier.Snapshot(1, [ca.RootPem])));

        Assert.Equal(TrustView.ConfiguredVersion, verifier.Host.Services.GetRequiredService<TrustListFollower>().Current?.Version);
        using var wallet = verifier.NewWallet();
        var created = await verifier.CreateRequestAsync(Queries.Request(Queries.Dcql(Queries.LegalPersonCredentialQuery())));
        var request = await wallet.FetchAsync((string)created["authorization_request_uri"]!);
        var credential = issuer.IssueVcJwt("LegalPerson", Queries.LegalPersonSubject(), holderJwk: wallet.HolderJwk);
        var vpToken = new JsonObject { ["legal_person"] = new JsonArray(wallet.PresentVcJwt(request, [credential])) };
        using var refused = await wallet.PostDirectAsync(request, vpToken);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("untrusted_issuer", (string?)(await verifier.StatusAsync((string)created["request_id"]!))["reasons"]![0]!["code"]);
    }

    [Fact]
    public async Task With_bootstrap_the_configured_trust_judges_until_the_first_trust_list_arrives()
    {
        await using var stack = await FollowingVerifier.StartAsync(storage: null, "--Verifier:Trust:Registry:Bootstrap=true");
        Assert.Equal(TrustView.ConfiguredVersion, stack.Trust.Current?.Version);

        using var presentation = await stack.RequestAsync();
        using var accepted = await presentation.AnswerAsync(stack.Verifier.Issuer);

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Theory]
    [InlineData("--Verifier:Trust:Registry:IssuerRole=verifier-trusted-issuer", "Verifier:Trust:Registry:IssuerRole")]
    [InlineData("--Verifier:Trust:Registry:Bootstrap=true", "Verifier:Trust:Registry:Bootstrap")]
    public async Task A_registry_trust_setting_without_following_stops_the_service_naming_the_setting(string setting, string key)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => VerifierHost.StartAsync(false, setting));

        Assert.Contains($"Setting '{key}' is invalid", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_issuer_role_that_is_not_a_registry_role_stops_the_service_naming_the_setting()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() =>
            VerifierHost.StartAsync(false, "--Verifier:Trust:Registry:Follow=true", "--Verifier:Trust:Registry:IssuerRole=Not A Role"));

        Assert.Contains("Setting 'Verifier:Trust:Registry:IssuerRole' is invalid", error.ToString(), StringComparison.Ordinal);
    }

    /// <summary>A state store that fails every read and write of the Verifier's stored trust list while <see cref="Down"/>.</summary>
    private sealed class TrustListOutageStorage(IEmbeddedStorage inner) : DelegatingEmbeddedStorage(inner)
    {
        private int _refused;

        public volatile bool Down;

        public int Refused => Volatile.Read(ref _refused);

        public override Task<StoredState?> GetAsync(string key, DateTimeOffset now)
        {
            Check(key);
            return base.GetAsync(key, now);
        }

        public override Task<ApplyResult> ApplyAsync(IReadOnlyList<StateWrite> writes, DateTimeOffset now)
        {
            foreach (var write in writes)
            {
                Check(write.Key);
            }
            return base.ApplyAsync(writes, now);
        }

        private void Check(string key)
        {
            if (Down && key.EndsWith(TrustListFollower.StateKey, StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _refused);
                throw new RpcException(new Status(StatusCode.Unavailable, "injected state store outage"));
            }
        }
    }
}
