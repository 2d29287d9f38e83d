using System.Net;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Dapr.Events;
using GaiaX.Oid4vc.Testing;

namespace Issuer.Tests;

/// <summary>
/// Prepared credentials over the Dapr backbone: <c>issuance-requested</c> out, <c>credential-prepared</c>
/// and <c>credential-assessed</c> in, deferred issuance in between; <c>compliance-assessed</c> in,
/// a label-credential offer and <c>offer-created</c> out; the wallet's notifications out.
/// </summary>
public sealed class DeferredAndEventTests(IssuerFixture fixture) : IClassFixture<IssuerFixture>, IAsyncLifetime
{
    /// <summary>Another app subscribed to what the Issuer publishes, the way the Verifier or a back end would.</summary>
    private readonly IntegrationEventRecorder _recorder = new IntegrationEventRecorder()
        .Subscribe<OfferCreated>("/offer-created")
        .Subscribe<CredentialAccepted>("/credential-accepted")
        .Subscribe<CredentialFailure>("/credential-failure")
        .Subscribe<IssuanceRequested>("/issuance-requested");

    public async Task InitializeAsync() => await _recorder.StartAsync(fixture.Dapr, "event-recorder-" + Guid.NewGuid().ToString("N")[..8]);

    public Task DisposeAsync() => Task.CompletedTask;

    private static object VatOffer() => new
    {
        credential_configuration_ids = new[] { "VatID" },
        subject_id = "did:web:participant.example",
        claims = new Dictionary<string, object> { ["VatID"] = new Dictionary<string, object> { ["gx:vatID"] = "DE129273398", ["gx:countryCode"] = "DE" } },
    };

    private async Task<(TestWallet Wallet, string Token, string OfferId)> VatOfferRedeemedAsync()
    {
        var wallet = fixture.NewWallet();
        var created = await fixture.CreateOfferAsync(VatOffer());
        var offer = await wallet.ResolveOfferAsync(created["offer_uri"]!.GetValue<string>());
        var token = await wallet.RequestPreAuthorizedTokenAsync(TestWallet.PreAuthorizedCode(offer), null);
        Assert.False(token.IsError, token.ErrorDescription);
        return (wallet, token.AccessToken!, created["offer_id"]!.GetValue<string>());
    }

    private async Task<(HttpStatusCode Status, JsonObject? Body)> PollDeferredAsync(TestWallet wallet, string token, string transactionId, HttpStatusCode until)
    {
        for (var i = 0; i < 300; i++)
        {
            var (status, body, _) = await wallet.PostAsync("/deferred_credential", token, new { transaction_id = transactionId });
            if (status == until)
            {
                return (status, body);
            }
            await Task.Delay(20);
        }
        throw new TimeoutException("the deferred credential endpoint never answered " + until);
    }

    [Fact]
    public async Task Offer_for_a_notary_credential_publishes_issuance_requested_with_the_claims()
    {
        var created = await fixture.CreateOfferAsync(VatOffer());
        var offerId = created["offer_id"]!.GetValue<string>();
        var requested = await _recorder.WaitForAsync<IssuanceRequested>(e => e.OfferId == offerId);
        Assert.Equal("VatID", requested.CredentialConfigurationId);
        Assert.Equal("DE129273398", requested.Claims.GetProperty("gx:vatID").GetString());
    }

    [Fact]
    public async Task Deferred_wait_from_deferral_to_issuance_is_recorded_with_its_outcome()
    {
        using var metrics = new GaiaX.Oid4vc.Testing.MetricRecorder(fixture.Host.Services, GaiaX.Oid4vc.Issuer.IssuerMetrics.MeterName);
        var (wallet, token, offerId) = await VatOfferRedeemedAsync();
        using (wallet)
        {
            var (status, body, _) = await wallet.RequestCredentialAsync(token, new { credential_configuration_id = "VatID" });
            Assert.Equal(HttpStatusCode.Accepted, status);
            var transactionId = body!["transaction_id"]!.GetValue<string>();
            fixture.Time.Advance(TimeSpan.FromSeconds(42));
            await fixture.Dapr.PublishAsync(new CredentialPrepared(offerId, "VatID", "eyJhbGciOiJFUzI1NiJ9.eyJ3YWl0Ijp0cnVlfQ.c2ln", "jwt_vc_json", "notary"), "notary");
            await fixture.Dapr.PublishAsync(new CredentialAssessed(offerId, true, []), "compliance");

            await PollDeferredAsync(wallet, token, transactionId, HttpStatusCode.OK);

            var wait = Assert.Single(metrics.Of("gaiax.issuer.deferred.wait"));
            Assert.Equal("issued", wait.Tag("outcome"));
            Assert.InRange(wait.Value, 42, 43);
            Assert.Contains(metrics.Of("gaiax.issuer.credential.requests"), m => m.Tag("endpoint") == "credential" && m.Tag("outcome") == "deferred");
        }
    }

    [Fact]
    public async Task Prepared_credential_is_deferred_until_compliance_accepts_it_then_delivered()
    {
        var (wallet, token, offerId) = await VatOfferRedeemedAsync();
        using (wallet)
        {
            var (status, body, _) = await wallet.RequestCredentialAsync(token, new { credential_configuration_id = "VatID" });
            Assert.Equal(HttpStatusCode.Accepted, status);
            var transactionId = body!["transaction_id"]!.GetValue<string>();
            Assert.True(body["interval"]!.GetValue<int>() > 0);
            // Section 8.3: a deferral carries no credentials and no notification_id, not even as null.
            Assert.Equal(["interval", "transaction_id"], body.Select(p => p.Key).Order(StringComparer.Ordinal));
            Assert.Equal("pending", (await fixture.OfferStatusAsync(offerId))!["status"]!.GetValue<string>());

            // Prepared by the Notary, not yet assessed: still pending.
            await fixture.Dapr.PublishAsync(new CredentialPrepared(offerId, "VatID", "eyJhbGciOiJFUzI1NiJ9.eyJub3RhcnkiOnRydWV9.c2ln", "jwt_vc_json", "notary"), "notary");
            await Task.Delay(200);
            var (pending, pendingBody, _) = await wallet.PostAsync("/deferred_credential", token, new { transaction_id = transactionId });
            Assert.Equal(HttpStatusCode.Accepted, pending);
            Assert.Equal(transactionId, pendingBody!["transaction_id"]!.GetValue<string>());

            await fixture.Dapr.PublishAsync(new CredentialAssessed(offerId, true, []), "compliance");
            var (_, delivered) = await PollDeferredAsync(wallet, token, transactionId, HttpStatusCode.OK);
            Assert.Equal("eyJhbGciOiJFUzI1NiJ9.eyJub3RhcnkiOnRydWV9.c2ln", delivered!["credentials"]![0]!["credential"]!.GetValue<string>());
            Assert.NotNull(delivered["notification_id"]);
            Assert.Equal("issued", (await fixture.OfferStatusAsync(offerId))!["status"]!.GetValue<string>());

            // The transaction is invalidated once the credential was obtained.
            var (again, againBody, _) = await wallet.PostAsync("/deferred_credential", token, new { transaction_id = transactionId });
            Assert.Equal(HttpStatusCode.BadRequest, again);
            Assert.Equal("invalid_transaction_id", againBody!["error"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Deferred_credential_is_collected_with_a_refreshed_access_token_after_the_first_expired()
    {
        using var wallet = fixture.NewWallet();
        var created = await fixture.CreateOfferAsync(VatOffer());
        var offerId = created["offer_id"]!.GetValue<string>();
        var offer = await wallet.ResolveOfferAsync(created["offer_uri"]!.GetValue<string>());
        var token = await wallet.RequestPreAuthorizedTokenAsync(TestWallet.PreAuthorizedCode(offer), null);
        var (_, body, _) = await wallet.RequestCredentialAsync(token.AccessToken!, new { credential_configuration_id = "VatID" });
        var transactionId = body!["transaction_id"]!.GetValue<string>();

        // The Notary and Compliance take longer than the access token lives.
        fixture.Time.Advance(TimeSpan.FromMinutes(20));
        await fixture.Dapr.PublishAsync(new CredentialPrepared(offerId, "VatID", "eyJhbGciOiJFUzI1NiJ9.eyJsYXRlIjp0cnVlfQ.c2ln", "jwt_vc_json", "notary"), "notary");
        await fixture.Dapr.PublishAsync(new CredentialAssessed(offerId, true, []), "compliance");
        var (expired, _, _) = await wallet.PostAsync("/deferred_credential", token.AccessToken!, new { transaction_id = transactionId });
        Assert.Equal(HttpStatusCode.Unauthorized, expired);

        var refreshed = await wallet.RefreshAsync(token.RefreshToken!);
        Assert.False(refreshed.IsError, refreshed.ErrorDescription);
        var (_, delivered) = await PollDeferredAsync(wallet, refreshed.AccessToken!, transactionId, HttpStatusCode.OK);
        Assert.Equal("eyJhbGciOiJFUzI1NiJ9.eyJsYXRlIjp0cnVlfQ.c2ln", delivered!["credentials"]![0]!["credential"]!.GetValue<string>());
    }

    [Fact]
    public async Task Prepared_credential_rejected_by_compliance_is_denied_with_credential_request_denied_and_the_reason()
    {
        var (wallet, token, offerId) = await VatOfferRedeemedAsync();
        using (wallet)
        {
            var (_, body, _) = await wallet.RequestCredentialAsync(token, new { credential_configuration_id = "VatID" });
            var transactionId = body!["transaction_id"]!.GetValue<string>();
            await fixture.Dapr.PublishAsync(new CredentialPrepared(offerId, "VatID", "eyJ.eyJ.sig", "jwt_vc_json"), "notary");
            await fixture.Dapr.PublishAsync(new CredentialAssessed(offerId, false, ["VAT number not registered in VIES"]), "compliance");
            var (_, denied) = await PollDeferredAsync(wallet, token, transactionId, HttpStatusCode.BadRequest);
            Assert.Equal("credential_request_denied", denied!["error"]!.GetValue<string>());
            Assert.Contains("VIES", denied["error_description"]!.GetValue<string>(), StringComparison.Ordinal);
            var status = await fixture.OfferStatusAsync(offerId);
            Assert.Equal("failed", status!["status"]!.GetValue<string>());
            Assert.Contains("VIES", status["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Deferred_request_with_unknown_transaction_id_is_rejected_with_invalid_transaction_id()
    {
        var (wallet, token, _) = await VatOfferRedeemedAsync();
        using (wallet)
        {
            var (status, body, _) = await wallet.PostAsync("/deferred_credential", token, new { transaction_id = "unknown" });
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Equal("invalid_transaction_id", body!["error"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Compliance_assessment_creates_a_label_credential_offer_once_and_publishes_offer_created()
    {
        var assessed = new ComplianceAssessed("presentation-request-1", true, "eyJhbGciOiJFUzI1NiJ9.eyJsYWJlbCI6dHJ1ZX0.c2ln", []);
        await fixture.Dapr.PublishAsync(assessed, "compliance");
        await fixture.Dapr.PublishAsync(assessed, "compliance"); // at-least-once: a duplicate delivery
        var created = await _recorder.WaitForAsync<OfferCreated>(e => e.RequestId == "presentation-request-1");
        await Task.Delay(300);
        Assert.Single(_recorder.Events.OfType<OfferCreated>(), e => e.RequestId == "presentation-request-1");

        using var wallet = fixture.NewWallet();
        var offer = await wallet.ResolveOfferAsync(created.OfferUri);
        Assert.Equal("LabelCredential", offer["credential_configuration_ids"]![0]!.GetValue<string>());
        var token = await wallet.RequestPreAuthorizedTokenAsync(TestWallet.PreAuthorizedCode(offer), null);
        var (status, body, _) = await wallet.RequestCredentialAsync(token.AccessToken!, new { credential_configuration_id = "LabelCredential" });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(assessed.LabelCredential, body!["credentials"]![0]!["credential"]!.GetValue<string>());
    }

    [Fact]
    public async Task Wallet_notification_is_published_once_as_credential_accepted()
    {
        var (wallet, token, offerId) = await VatOfferRedeemedAsync();
        using (wallet)
        {
            await fixture.Dapr.PublishAsync(new CredentialPrepared(offerId, "VatID", "eyJ.eyJ.sig", "jwt_vc_json"), "notary");
            await fixture.Dapr.PublishAsync(new CredentialAssessed(offerId, true, []), "compliance");
            JsonObject? body = null;
            for (var i = 0; i < 300 && body?["credentials"] is null; i++)
            {
                (_, body, _) = await wallet.RequestCredentialAsync(token, new { credential_configuration_id = "VatID" });
                await Task.Delay(20);
            }
            var notificationId = body!["notification_id"]!.GetValue<string>();
            Assert.Equal(HttpStatusCode.NoContent, (await wallet.PostAsync("/notification", token, new { notification_id = notificationId, @event = "credential_accepted" })).Status);
            Assert.Equal(HttpStatusCode.NoContent, (await wallet.PostAsync("/notification", token, new { notification_id = notificationId, @event = "credential_accepted" })).Status);
            var accepted = await _recorder.WaitForAsync<CredentialAccepted>(e => e.NotificationId == notificationId);
            Assert.Equal(offerId, accepted.OfferId);
            await Task.Delay(200);
            Assert.Single(_recorder.Events.OfType<CredentialAccepted>(), e => e.NotificationId == notificationId);
        }
    }

    [Fact]
    public async Task Notification_with_unknown_notification_id_is_rejected_with_invalid_notification_id()
    {
        var (wallet, token, _) = await VatOfferRedeemedAsync();
        using (wallet)
        {
            var (status, body, _) = await wallet.PostAsync("/notification", token, new { notification_id = "unknown", @event = "credential_accepted" });
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Equal("invalid_notification_id", body!["error"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Notification_with_an_unknown_event_is_rejected_with_invalid_notification_request()
    {
        var (wallet, token, _) = await VatOfferRedeemedAsync();
        using (wallet)
        {
            var (status, body, _) = await wallet.PostAsync("/notification", token, new { notification_id = "x", @event = "credential_loved" });
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Equal("invalid_notification_request", body!["error"]!.GetValue<string>());
        }
    }
}
