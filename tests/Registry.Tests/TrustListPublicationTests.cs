using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Dapr;
using GaiaX.Oid4vc.Dapr.Events;
using GaiaX.Oid4vc.Registry;
using GaiaX.Oid4vc.Testing;

namespace Registry.Tests;

/// <summary>
/// trust-list-changed carries the whole trust list, so a subscriber keeps its trust view from the events alone; and the
/// list is published again, unchanged, at start-up and at an interval, so a subscriber that came late catches up.
/// </summary>
public sealed class TrustListPublicationTests(RegistryFixture fixture) : IClassFixture<RegistryFixture>
{
    [Fact]
    public async Task A_change_publishes_the_whole_trust_list_at_its_new_version()
    {
        using var newcomer = new TestPki("Published Root");
        var anchor = new { certificate = newcomer.RootPem };
        using (var added = await fixture.ManageAsync(HttpMethod.Post, "/api/management/trust-anchors", anchor))
        {
            Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        }
        var revokedHash = Convert.ToHexString(SHA256.HashData(fixture.Pki.Intermediate!.RawData));
        using var revoked = await fixture.ManageAsync(HttpMethod.Post, "/api/management/revocations", new { sha256 = revokedHash });
        var version = (long)JsonNode.Parse(await revoked.Content.ReadAsStringAsync())!["version"]!;

        var published = await fixture.Events.WaitForAsync<TrustListChanged>(e => e.Version == version);

        Assert.True(published.IsSnapshot);
        Assert.Contains(newcomer.RootPem.Trim(), published.TrustAnchors!.Select(pem => pem.Trim()));
        Assert.Contains(fixture.Pki.RootPem.Trim(), published.TrustAnchors!.Select(pem => pem.Trim()));
        Assert.Contains(RegistryFixture.Notary, published.TrustedIssuers!["registration-notary"]);
        Assert.Contains(revokedHash, published.RevokedCertificates!, StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_list_is_republished_at_start_up_and_every_interval_without_a_new_version()
    {
        await using var dapr = DaprTestEnvironment.InMemory();
        var late = new IntegrationEventRecorder().Subscribe<TrustListChanged>("/trust-list-changed");
        await late.StartAsync(dapr, "late-subscriber");
        using var pki = new TestPki("Republished Root");
        await dapr.StartServiceAsync(
            AppIds.Registry,
            (args, configure) => RegistryProgram.Create(args, configure),
            RegistryOptions.SectionName,
            [$"--Registry:Bootstrap:TrustAnchorCertificates:0={pki.RootPem}", "--Registry:RepublishInterval=00:00:01"]
        );

        Assert.True(
            await Poll.UntilAsync(() => late.Of<TrustListChanged>().Count >= 3, TimeSpan.FromSeconds(20)),
            "the trust list was not republished"
        );
        Assert.All(late.Of<TrustListChanged>(), e => Assert.Equal(1, e.Version));
        Assert.All(late.Of<TrustListChanged>(), e => Assert.Equal(pki.RootPem.Trim(), Assert.Single(e.TrustAnchors!).Trim()));
    }
}
