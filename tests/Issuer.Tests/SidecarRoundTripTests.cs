using System.Net;
using Duende.IdentityModel;
using GaiaX.Oid4vc.Issuer.Protocol;
using GaiaX.Oid4vc.Issuer.Token;

namespace Issuer.Tests;

/// <summary>
/// The sidecar round trips of the pre-authorized issuance, counted at the (embedded) sidecar: each is a gRPC call that
/// costs both processes CPU, so a step makes only the ones its rules need.
/// </summary>
public sealed class SidecarRoundTripTests(IssuerFixture fixture) : IClassFixture<IssuerFixture>
{
    private async Task<IReadOnlyDictionary<string, long>> CallsDuringAsync(Func<Task> step)
    {
        var sidecar = await fixture.Dapr.SidecarAsync(GaiaX.Oid4vc.Dapr.AppIds.Issuer);
        var before = sidecar.Calls;
        await step();
        return sidecar.Calls
            .Select(pair => (pair.Key, Count: pair.Value - before.GetValueOrDefault(pair.Key)))
            // GetMetadata is the readiness probe's, on its own schedule.
            .Where(pair => pair.Count > 0 && pair.Key != "GetMetadata")
            .ToDictionary(pair => pair.Key, pair => pair.Count);
    }

    private static string Describe(IReadOnlyDictionary<string, long> calls) =>
        string.Join(", ", calls.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key}={pair.Value}"));

    [Fact]
    public async Task Offer_creation_writes_the_offer_and_its_pre_authorized_code_in_one_sidecar_call()
    {
        var calls = await CallsDuringAsync(() => fixture.CreateOfferAsync(IssuerFixture.LegalPersonOffer(txCode: true)));
        Assert.Equal("ExecuteStateTransaction=1", Describe(calls));
    }

    [Fact]
    public async Task Token_request_reads_the_code_with_its_offer_and_writes_the_tokens_with_the_redemption_in_one_transaction()
    {
        using var wallet = fixture.NewWallet();
        var created = await fixture.CreateOfferAsync(IssuerFixture.LegalPersonOffer(txCode: false));
        var code = TestWallet.PreAuthorizedCode(created["credential_offer"]!.AsObject());
        Duende.IdentityModel.Client.TokenResponse? response = null;
        var calls = await CallsDuringAsync(async () => response = await wallet.RequestPreAuthorizedTokenAsync(code, null));
        Assert.False(response!.IsError, response.Error);
        Assert.Equal("ExecuteStateTransaction=1, GetBulkState=1", Describe(calls));
    }

    [Fact]
    public async Task Token_request_with_the_right_tx_code_adds_only_the_write_that_stamps_it_under_the_code_etag()
    {
        using var wallet = fixture.NewWallet();
        var created = await fixture.CreateOfferAsync(IssuerFixture.LegalPersonOffer(txCode: true));
        var code = TestWallet.PreAuthorizedCode(created["credential_offer"]!.AsObject());
        Duende.IdentityModel.Client.TokenResponse? response = null;
        var calls = await CallsDuringAsync(
            async () => response = await wallet.RequestPreAuthorizedTokenAsync(code, created["tx_code"]!.GetValue<string>()));
        Assert.False(response!.IsError, response.Error);
        Assert.Equal("ExecuteStateTransaction=1, GetBulkState=1, SaveState=1", Describe(calls));
    }

    [Fact]
    public async Task Pre_authorized_code_that_does_not_name_its_offer_is_still_redeemed_once()
    {
        // Codes minted before codes named their offer (still live in a store during an upgrade) carry no offer id.
        using var wallet = fixture.NewWallet();
        var created = await fixture.CreateOfferAsync(IssuerFixture.LegalPersonOffer(txCode: false));
        var offerId = created["offer_id"]!.GetValue<string>();
        var legacyCode = Secrets.NewHandle();
        var state = await fixture.Dapr.StateAsync(GaiaX.Oid4vc.Dapr.AppIds.Issuer);
        await state.SaveAsync(
            "pre-authorized-code:" + Secrets.Hash(legacyCode),
            new PreAuthorizedCodeRecord
            {
                OfferId = offerId,
                CredentialConfigurationIds = ["LegalPerson_jwt_vc_json"],
                ExpiresAt = fixture.Time.GetUtcNow().AddMinutes(5),
            },
            TimeSpan.FromMinutes(10));

        var first = await wallet.RequestPreAuthorizedTokenAsync(legacyCode, null);
        var again = await wallet.RequestPreAuthorizedTokenAsync(legacyCode, null);

        Assert.False(first.IsError, first.Error);
        Assert.Equal(OidcConstants.TokenErrors.InvalidGrant, again.Error);
        Assert.Equal(HttpStatusCode.BadRequest, again.HttpStatusCode);
    }

    [Fact]
    public async Task Pre_authorized_code_naming_another_offer_gets_no_tokens_for_that_offer()
    {
        // A holder of one offer's code rewrites its prefix to another offer's id: the code's hash names no record.
        using var wallet = fixture.NewWallet();
        var mine = await fixture.CreateOfferAsync(IssuerFixture.LegalPersonOffer(txCode: false));
        var other = await fixture.CreateOfferAsync(IssuerFixture.LegalPersonOffer(txCode: false));
        var code = TestWallet.PreAuthorizedCode(mine["credential_offer"]!.AsObject());
        var forged = other["offer_id"]!.GetValue<string>() + code[code.IndexOf('.', StringComparison.Ordinal)..];

        var response = await wallet.RequestPreAuthorizedTokenAsync(forged, null);

        Assert.Equal(OidcConstants.TokenErrors.InvalidGrant, response.Error);
        var otherCode = TestWallet.PreAuthorizedCode(other["credential_offer"]!.AsObject());
        Assert.False((await wallet.RequestPreAuthorizedTokenAsync(otherCode, null)).IsError);
    }
}
