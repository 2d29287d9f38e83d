using System.Net;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Dapr.Events;
using GaiaX.Oid4vc.Issuer.Credentials;
using Microsoft.Extensions.DependencyInjection;

namespace Issuer.Tests.Attacks;

/// <summary>
/// The Issuer's own bound on a deferred preparation, whatever held it up (Notary or Compliance
/// down, an event lost): past <c>Issuer:DeferredPreparationDeadlineSeconds</c> with nothing ready,
/// the wallet is denied with the reason and the offer says <c>failed</c>, instead of 202 for a day.
/// No Notary runs here: nothing is ever prepared.
/// </summary>
public sealed class PreparationDeadlineTests : IAsyncLifetime
{
    private const int DeadlineSeconds = 600;

    private readonly IssuerFixture _fixture = new() { ExtraArgs = [$"--Issuer:DeferredPreparationDeadlineSeconds={DeadlineSeconds}"] };

    public Task InitializeAsync() => _fixture.InitializeAsync();

    public Task DisposeAsync() => _fixture.DisposeAsync();

    private static object VatOffer() => new
    {
        credential_configuration_ids = new[] { "VatID" },
        subject_id = "did:web:participant.example",
        claims = new Dictionary<string, object> { ["VatID"] = new Dictionary<string, object> { ["gx:vatID"] = "DE129273398", ["gx:countryCode"] = "DE" } },
    };

    private async Task<(TestWallet Wallet, string Token, string OfferId)> VatOfferRedeemedAsync()
    {
        var wallet = _fixture.NewWallet();
        var created = await _fixture.CreateOfferAsync(VatOffer());
        var offer = await wallet.ResolveOfferAsync(created["offer_uri"]!.GetValue<string>());
        var token = await wallet.RequestPreAuthorizedTokenAsync(TestWallet.PreAuthorizedCode(offer), null);
        Assert.False(token.IsError, token.ErrorDescription);
        return (wallet, token.AccessToken!, created["offer_id"]!.GetValue<string>());
    }

    private async Task<string> DeferredAsync(TestWallet wallet, string token)
    {
        var (status, body, _) = await wallet.RequestCredentialAsync(token, new { credential_configuration_id = "VatID" });
        Assert.Equal(HttpStatusCode.Accepted, status);
        return body!["transaction_id"]!.GetValue<string>();
    }

    private async Task AssertOfferFailedAsync(string offerId)
    {
        var status = await _fixture.OfferStatusAsync(offerId);
        Assert.Equal("failed", status!["status"]!.GetValue<string>());
        Assert.Contains("not prepared within 10 minutes", status["reason"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static void AssertDenied(HttpStatusCode status, JsonObject? body)
    {
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("credential_request_denied", body!["error"]!.GetValue<string>());
        Assert.Contains("not prepared within 10 minutes", body["error_description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deferred_request_past_the_preparation_deadline_with_nothing_prepared_is_denied_and_the_offer_fails()
    {
        var (wallet, token, offerId) = await VatOfferRedeemedAsync();
        using (wallet)
        {
            var transactionId = await DeferredAsync(wallet, token);
            var (pending, _, _) = await wallet.PostAsync("/deferred_credential", token, new { transaction_id = transactionId });
            Assert.Equal(HttpStatusCode.Accepted, pending);

            _fixture.Time.Advance(TimeSpan.FromSeconds(DeadlineSeconds + 1));
            var (status, body, _) = await wallet.PostAsync("/deferred_credential", token, new { transaction_id = transactionId });

            AssertDenied(status, body);
            await AssertOfferFailedAsync(offerId);
            // The transaction ended with the denial.
            var (again, againBody, _) = await wallet.PostAsync("/deferred_credential", token, new { transaction_id = transactionId });
            Assert.Equal(HttpStatusCode.BadRequest, again);
            Assert.Equal("invalid_transaction_id", againBody!["error"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Pending_offer_past_the_preparation_deadline_reports_failed_although_the_wallet_stopped_asking()
    {
        var (wallet, token, offerId) = await VatOfferRedeemedAsync();
        using (wallet)
        {
            await DeferredAsync(wallet, token);
            Assert.Equal("pending", (await _fixture.OfferStatusAsync(offerId))!["status"]!.GetValue<string>());

            _fixture.Time.Advance(TimeSpan.FromSeconds(DeadlineSeconds + 1));

            await AssertOfferFailedAsync(offerId);
        }
    }

    [Fact]
    public async Task Credential_request_past_the_preparation_deadline_with_nothing_prepared_is_denied()
    {
        var (wallet, token, offerId) = await VatOfferRedeemedAsync();
        using (wallet)
        {
            _fixture.Time.Advance(TimeSpan.FromSeconds(DeadlineSeconds + 1));
            var (status, body, _) = await wallet.RequestCredentialAsync(token, new { credential_configuration_id = "VatID" });

            AssertDenied(status, body);
            await AssertOfferFailedAsync(offerId);
        }
    }

    [Fact]
    public async Task Credential_ready_before_the_preparation_deadline_is_delivered_after_it()
    {
        var (wallet, token, offerId) = await VatOfferRedeemedAsync();
        using (wallet)
        {
            var transactionId = await DeferredAsync(wallet, token);
            await _fixture.Dapr.PublishAsync(new CredentialPrepared(offerId, "VatID", "eyJhbGciOiJFUzI1NiJ9.eyJvbnRpbWUiOnRydWV9.c2ln", "jwt_vc_json", "notary"), "notary");
            await _fixture.Dapr.PublishAsync(new CredentialAssessed(offerId, true, []), "compliance");
            // Ready once the wallet would get it; then the deadline passes before it comes back.
            for (var i = 0; i < 300 && !await ReadyAsync(offerId); i++)
            {
                await Task.Delay(20);
            }
            Assert.True(await ReadyAsync(offerId), "the prepared and accepted credential did not arrive");
            _fixture.Time.Advance(TimeSpan.FromSeconds(DeadlineSeconds + 1));

            Assert.Equal("pending", (await _fixture.OfferStatusAsync(offerId))!["status"]!.GetValue<string>());
            var (status, body, _) = await wallet.PostAsync("/deferred_credential", token, new { transaction_id = transactionId });
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("eyJhbGciOiJFUzI1NiJ9.eyJvbnRpbWUiOnRydWV9.c2ln", body!["credentials"]![0]!["credential"]!.GetValue<string>());
            Assert.Equal("issued", (await _fixture.OfferStatusAsync(offerId))!["status"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Credential_prepared_after_the_offer_failed_at_its_deadline_is_not_delivered()
    {
        var (wallet, token, offerId) = await VatOfferRedeemedAsync();
        using (wallet)
        {
            var transactionId = await DeferredAsync(wallet, token);
            _fixture.Time.Advance(TimeSpan.FromSeconds(DeadlineSeconds + 1));
            var (denied, deniedBody, _) = await wallet.PostAsync("/deferred_credential", token, new { transaction_id = transactionId });
            AssertDenied(denied, deniedBody);

            // The Notary's answer comes in late, after the wallet was told no.
            await PrepareAndAcceptAsync(offerId);

            var (status, body, _) = await wallet.RequestCredentialAsync(token, new { credential_configuration_id = "VatID" });
            AssertDenied(status, body);
            await AssertOfferFailedAsync(offerId);
        }
    }

    [Fact]
    public async Task Offer_reported_failed_at_its_deadline_stays_failed_when_a_late_credential_arrives()
    {
        var (wallet, token, offerId) = await VatOfferRedeemedAsync();
        using (wallet)
        {
            var transactionId = await DeferredAsync(wallet, token);
            _fixture.Time.Advance(TimeSpan.FromSeconds(DeadlineSeconds + 1));
            await AssertOfferFailedAsync(offerId); // what the back office was told

            await PrepareAndAcceptAsync(offerId);

            await AssertOfferFailedAsync(offerId);
            var (status, body, _) = await wallet.PostAsync("/deferred_credential", token, new { transaction_id = transactionId });
            AssertDenied(status, body);
        }
    }

    private async Task PrepareAndAcceptAsync(string offerId)
    {
        await _fixture.Dapr.PublishAsync(new CredentialPrepared(offerId, "VatID", "eyJhbGciOiJFUzI1NiJ9.eyJsYXRlIjp0cnVlfQ.c2ln", "jwt_vc_json", "notary"), "notary");
        await _fixture.Dapr.PublishAsync(new CredentialAssessed(offerId, true, []), "compliance");
        for (var i = 0; i < 300 && !await ReadyAsync(offerId); i++)
        {
            await Task.Delay(20);
        }
        Assert.True(await ReadyAsync(offerId), "the late credential did not arrive");
    }

    private async Task<bool> ReadyAsync(string offerId)
    {
        var prepared = await _fixture.Host.Services.GetRequiredService<IPreparedCredentialStore>().FindAsync(offerId, CancellationToken.None);
        return PreparedCredentialStore.StateOf(prepared, "VatID").State == PreparedCredentialState.Released;
    }
}
