using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Credentials.Status;
using Microsoft.Extensions.DependencyInjection;

namespace Issuer.Tests;

/// <summary>
/// Credential status over HTTP: every credential the Issuer signs carries a status entry, its lists are served signed,
/// and the management API revokes, suspends and reinstates, seen by a verifier's status check after the re-sign delay.
/// </summary>
public sealed class CredentialStatusTests(IssuerFixture fixture) : IClassFixture<IssuerFixture>
{
    private StatusListClient Verifier => fixture.Host.Services.GetRequiredService<StatusListClient>();

    private async Task<(string Credential, JsonObject Payload, string OfferId)> IssueAsync(string configuration = "LegalPerson_jwt_vc_json")
    {
        using var wallet = fixture.NewWallet();
        var created = await fixture.CreateOfferAsync(IssuerFixture.LegalPersonOffer(txCode: false, configuration));
        var offer = await wallet.ResolveOfferAsync(created["offer_uri"]!.GetValue<string>());
        var token = await wallet.RequestPreAuthorizedTokenAsync(TestWallet.PreAuthorizedCode(offer), null);
        Assert.False(token.IsError, token.ErrorDescription);
        var holder = wallet.NewKey();
        var (status, body, _) = await wallet.RequestCredentialAsync(token.AccessToken!, new
        {
            credential_configuration_id = configuration,
            proofs = new { jwt = new[] { wallet.Proof(holder, await wallet.NonceAsync()) } },
        });
        Assert.Equal(HttpStatusCode.OK, status);
        var credential = body!["credentials"]![0]!["credential"]!.GetValue<string>();
        var payload = CredentialChecks.DecodePart(credential.Split('~')[0].Split('.')[1]);
        return (credential, payload, created["offer_id"]!.GetValue<string>());
    }

    private async Task<CredentialStatusResult> CheckAsync(JsonObject payload)
    {
        using var document = JsonDocument.Parse(payload.ToJsonString());
        return await Verifier.CheckAsync(payload["iss"]!.GetValue<string>(), StatusListCredentials.References(document.RootElement));
    }

    private async Task<(HttpStatusCode Status, JsonObject? Body)> ManageAsync(HttpMethod method, string path, object? body = null, params string[] scopes)
    {
        using var message = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fixture.ManagementToken(scopes.Length == 0 ? ["issuer.credentials.status"] : scopes));
        using var response = await fixture.Client.SendAsync(message);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text)!.AsObject());
    }

    private async Task<string> CredentialIdOfOfferAsync(string offerId)
    {
        var (status, body) = await ManageAsync(HttpMethod.Get, $"/api/credentials?offer_id={offerId}");
        Assert.Equal(HttpStatusCode.OK, status);
        return Assert.Single(body!["credentials"]!.AsArray())!["id"]!.GetValue<string>();
    }

    [Fact]
    public async Task Issued_vc_jwt_names_its_revocation_and_suspension_entries_in_lists_the_issuer_serves_and_signs()
    {
        var (_, payload, _) = await IssueAsync();

        var entries = payload["credentialStatus"]!.AsArray();
        Assert.Equal(["revocation", "suspension"], entries.Select(e => e!["statusPurpose"]!.GetValue<string>()));
        Assert.All(entries, e => Assert.Equal("BitstringStatusListEntry", e!["type"]!.GetValue<string>()));
        Assert.StartsWith(fixture.IssuerId + "/status-lists/", entries[0]!["statusListCredential"]!.GetValue<string>());
        using var list = await fixture.Client.GetAsync(new Uri(entries[0]!["statusListCredential"]!.GetValue<string>()).PathAndQuery);
        Assert.Equal("application/vc+jwt", list.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromMinutes(5), list.Headers.CacheControl?.MaxAge);
        Assert.Equal(CredentialStatusState.Valid, (await CheckAsync(payload)).State);
    }

    [Fact]
    public async Task Revoked_credential_reads_revoked_after_the_resign_delay_and_stays_revoked()
    {
        var (_, payload, offerId) = await IssueAsync();
        var id = await CredentialIdOfOfferAsync(offerId);
        Assert.Equal(CredentialStatusState.Valid, (await CheckAsync(payload)).State);

        var (status, body) = await ManageAsync(HttpMethod.Post, $"/api/credentials/{id}/revoke", new { reason = "holder key leaked" });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("revoked", body!["status"]!.GetValue<string>());
        fixture.Time.Advance(TimeSpan.FromMinutes(6)); // past the re-sign delay and the verifier's cached ttl

        var seen = await CheckAsync(payload);
        Assert.Equal(CredentialStatusState.Revoked, seen.State);
        var (again, refusal) = await ManageAsync(HttpMethod.Post, $"/api/credentials/{id}/unsuspend");
        Assert.Equal(HttpStatusCode.Conflict, again);
        Assert.Contains("final", refusal!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Suspended_sd_jwt_vc_reads_suspended_and_valid_again_once_unsuspended()
    {
        var (credential, payload, offerId) = await IssueAsync("LegalPerson_dc_sd_jwt");
        Assert.StartsWith(fixture.IssuerId + "/status-lists/", payload["status"]!["status_list"]!["uri"]!.GetValue<string>());
        Assert.DoesNotContain(credential.Split('~').Skip(1).Where(d => d.Length > 0), d => System.Text.Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(d)).Contains("status_list", StringComparison.Ordinal));
        var id = await CredentialIdOfOfferAsync(offerId);

        Assert.Equal(HttpStatusCode.OK, (await ManageAsync(HttpMethod.Post, $"/api/credentials/{id}/suspend", new { reason = "under review" })).Status);
        fixture.Time.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(CredentialStatusState.Suspended, (await CheckAsync(payload)).State);
        Assert.Equal(HttpStatusCode.OK, (await ManageAsync(HttpMethod.Post, $"/api/credentials/{id}/unsuspend")).Status);
        fixture.Time.Advance(TimeSpan.FromMinutes(6));

        Assert.Equal(CredentialStatusState.Valid, (await CheckAsync(payload)).State);
    }

    [Fact]
    public async Task Status_changes_need_the_status_scope_not_the_offers_scope()
    {
        var (_, _, offerId) = await IssueAsync();
        var id = await CredentialIdOfOfferAsync(offerId);

        var (status, _) = await ManageAsync(HttpMethod.Post, $"/api/credentials/{id}/revoke", null, "issuer.offers.write");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal(HttpStatusCode.NotFound, (await ManageAsync(HttpMethod.Post, "/api/credentials/urn:uuid:00000000-0000-0000-0000-000000000000/revoke")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await ManageAsync(HttpMethod.Get, "/api/credentials")).Status);
    }

    [Fact]
    public async Task Two_hundred_concurrent_issuances_get_two_hundred_distinct_indices()
    {
        using var gate = new SemaphoreSlim(16);
        var indices = await Task.WhenAll(Enumerable.Range(0, 200).Select(async _ =>
        {
            await gate.WaitAsync();
            try
            {
                var (_, payload, _) = await IssueAsync();
                var entry = payload["credentialStatus"]![0]!;
                return (entry["statusListCredential"]!.GetValue<string>(), entry["statusListIndex"]!.GetValue<string>());
            }
            finally
            {
                gate.Release();
            }
        }));

        Assert.Equal(200, indices.Distinct().Count());
    }
}

/// <summary>The issued-credential indexes stay complete and cheap however many credentials an offer gets.</summary>
public sealed class IssuedCredentialIndexTests
{
    [Fact]
    public async Task An_offer_with_more_responses_than_one_scan_window_finds_every_credential_under_concurrency()
    {
        await using var dapr = GaiaX.Oid4vc.Testing.DaprTestEnvironment.InMemory();
        var state = await dapr.StateAsync(GaiaX.Oid4vc.Dapr.AppIds.Issuer);
        var lists = new GaiaX.Oid4vc.Dapr.StatusLists.StatusListStore(
            state,
            Microsoft.Extensions.Options.Options.Create(new GaiaX.Oid4vc.Dapr.StatusLists.StatusListSettings()),
            new GaiaX.Oid4vc.Dapr.StatusLists.StatusListUrls(() => new Uri("https://issuer.example/")));
        var registry = new GaiaX.Oid4vc.Issuer.Status.IssuedCredentialRegistry(state, lists, new NoEvents(), TimeProvider.System);
        var count = (GaiaX.Oid4vc.Issuer.Status.IssuedCredentialRegistry.ScanWindow * 4) + 22;
        using var gate = new SemaphoreSlim(8);

        await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                await registry.RegisterAsync([new GaiaX.Oid4vc.Issuer.Status.IssuedCredentialRecord
                {
                    Id = "urn:uuid:" + Guid.NewGuid(),
                    OfferId = "offer-1",
                    SubjectId = "did:web:participant.example",
                    ConfigurationId = "LegalPerson_jwt_vc_json",
                    Format = "jwt_vc_json",
                    List = 1,
                    Index = i,
                    IssuedAt = DateTimeOffset.UtcNow,
                }], CancellationToken.None);
            }
            finally
            {
                gate.Release();
            }
        }));

        Assert.Equal(count, (await registry.FindByOfferAsync("offer-1", CancellationToken.None)).Count);
        Assert.Equal(count, (await registry.FindBySubjectAsync("did:web:participant.example", CancellationToken.None)).Count);
    }

    private sealed class NoEvents : GaiaX.Oid4vc.Dapr.Events.IEventBus
    {
        public Task PublishAsync(GaiaX.Oid4vc.Dapr.Events.IntegrationEvent integrationEvent, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }
}
