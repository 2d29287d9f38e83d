using GaiaX.Oid4vc.Issuer;
using GaiaX.Oid4vc.Testing;

namespace Issuer.Tests;

/// <summary>The Issuer's instruments record each outcome with low-cardinality tags (<see cref="IssuerMetrics"/>).</summary>
public sealed class IssuerMetricsTests(IssuerFixture fixture) : IClassFixture<IssuerFixture>
{
    private const string PreAuthorized = "urn:ietf:params:oauth:grant-type:pre-authorized_code";

    [Fact]
    public async Task Offer_token_and_credential_of_a_pre_authorized_flow_are_counted_with_their_outcomes()
    {
        using var metrics = new MetricRecorder(fixture.Host.Services, IssuerMetrics.MeterName);
        using var wallet = fixture.NewWallet();
        using var key = wallet.NewKey();

        var token = await wallet.PreAuthorizedAccessTokenAsync(IssuerFixture.LegalPersonOffer());
        var nonce = await wallet.NonceAsync();
        var (status, _, _) = await wallet.PostAsync(
            "/credential",
            token,
            new { credential_configuration_id = "LegalPerson_jwt_vc_json", proofs = new { jwt = new[] { wallet.Proof(key, nonce) } } }
        );

        Assert.Equal(System.Net.HttpStatusCode.OK, status);
        Assert.Contains(metrics.Of("gaiax.issuer.offers.created"), m => m.Tag("credential_configuration_id") == "LegalPerson_jwt_vc_json");
        Assert.Contains(metrics.Of("gaiax.issuer.token.requests"), m => m.Tag("grant_type") == PreAuthorized && m.Tag("outcome") == "success");
        Assert.Contains(metrics.Of("gaiax.issuer.credential.requests"), m => m.Tag("endpoint") == "credential" && m.Tag("outcome") == "issued");
    }

    [Fact]
    public async Task Token_request_refused_for_a_wrong_tx_code_is_counted_with_its_error_code()
    {
        using var metrics = new MetricRecorder(fixture.Host.Services, IssuerMetrics.MeterName);
        using var wallet = fixture.NewWallet();
        var created = await fixture.CreateOfferAsync(IssuerFixture.LegalPersonOffer(txCode: true));
        var txCode = created["tx_code"]!.GetValue<string>();

        var response = await wallet.RequestPreAuthorizedTokenAsync(
            TestWallet.PreAuthorizedCode(created["credential_offer"]!.AsObject()),
            txCode == "000000" ? "111111" : "000000"
        );

        Assert.Equal("invalid_grant", response.Error);
        Assert.Contains(metrics.Of("gaiax.issuer.token.requests"), m => m.Tag("grant_type") == PreAuthorized && m.Tag("outcome") == "invalid_grant");
    }

    [Fact]
    public async Task Metric_tags_never_carry_an_offer_id_code_or_token()
    {
        using var metrics = new MetricRecorder(fixture.Host.Services, IssuerMetrics.MeterName);
        using var wallet = fixture.NewWallet();
        var created = await fixture.CreateOfferAsync(IssuerFixture.LegalPersonOffer(txCode: false));
        var code = TestWallet.PreAuthorizedCode(created["credential_offer"]!.AsObject());
        var token = await wallet.RequestPreAuthorizedTokenAsync(code, null);
        var secrets = new[] { created["offer_id"]!.GetValue<string>(), code, token.AccessToken!, token.RefreshToken! };

        Assert.NotEmpty(metrics.All);
        Assert.All(
            metrics.All.SelectMany(m => m.Tags.Values).Select(v => v?.ToString() ?? string.Empty),
            value => Assert.DoesNotContain(secrets, s => value.Contains(s, StringComparison.Ordinal))
        );
    }
}
