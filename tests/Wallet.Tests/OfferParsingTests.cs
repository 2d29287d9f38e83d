using GaiaX.Oid4vc.Wallet;
using GaiaX.Oid4vc.Wallet.Issuance;

namespace Wallet.Tests;

public sealed class OfferParsingTests
{
    private const string OfferJson = """
        {"credential_issuer":"https://issuer.example","credential_configuration_ids":["VatID_jwt_vc_json"],
         "grants":{"urn:ietf:params:oauth:grant-type:pre-authorized_code":{"pre-authorized_code":"abc","tx_code":{"input_mode":"numeric","length":6,"description":"sent by mail"}},
                   "authorization_code":{"issuer_state":"st-1"}}}
        """;

    [Fact]
    public void Offer_by_value_is_parsed_with_its_grants_and_tx_code()
    {
        var reference = CredentialOfferReference.Parse("openid-credential-offer://?credential_offer=" + Uri.EscapeDataString(OfferJson));

        var offer = Assert.IsType<CredentialOffer>(reference.Offer);
        Assert.Null(reference.OfferUri);
        Assert.Equal("https://issuer.example", offer.CredentialIssuer);
        Assert.Equal(["VatID_jwt_vc_json"], offer.CredentialConfigurationIds);
        Assert.Equal("abc", offer.PreAuthorizedCode!.PreAuthorizedCode);
        Assert.Equal(new TransactionCodeSpec("numeric", 6, "sent by mail"), offer.PreAuthorizedCode.TransactionCode);
        Assert.Equal("st-1", offer.AuthorizationCode!.IssuerState);
    }

    [Fact]
    public void Offer_by_reference_yields_the_offer_uri()
    {
        var reference = CredentialOfferReference.Parse("openid-credential-offer://?credential_offer_uri=" + Uri.EscapeDataString("https://issuer.example/credential-offer/42"));

        Assert.Null(reference.Offer);
        Assert.Equal(new Uri("https://issuer.example/credential-offer/42"), reference.OfferUri);
    }

    [Theory]
    [InlineData("openid-credential-offer://?")]
    [InlineData("openid-credential-offer://?credential_offer=%7B%7D&credential_offer_uri=https%3A%2F%2Fissuer.example%2Fo")]
    public void Offer_needs_exactly_one_of_credential_offer_and_credential_offer_uri(string uri) =>
        Assert.Equal("invalid_credential_offer", Assert.Throws<WalletProtocolException>(() => CredentialOfferReference.Parse(uri)).Error);

    [Fact]
    public void Offer_uri_over_plain_http_to_a_remote_host_is_refused() =>
        Assert.Throws<WalletProtocolException>(() => CredentialOfferReference.Parse("openid-credential-offer://?credential_offer_uri=" + Uri.EscapeDataString("http://issuer.example/o/1")));

    [Fact]
    public void Offer_with_a_repeated_parameter_is_refused() =>
        Assert.Throws<WalletProtocolException>(() => CredentialOfferReference.Parse("openid-credential-offer://?credential_offer_uri=https%3A%2F%2Fa.example%2Fo&credential_offer_uri=https%3A%2F%2Fb.example%2Fo"));

    [Theory]
    [InlineData("""{"credential_configuration_ids":["a"]}""")]
    [InlineData("""{"credential_issuer":"https://issuer.example","credential_configuration_ids":[]}""")]
    [InlineData("""{"credential_issuer":"https://issuer.example","credential_configuration_ids":["a","a"]}""")]
    [InlineData("""{"credential_issuer":"https://issuer.example?x=1","credential_configuration_ids":["a"]}""")]
    [InlineData("""{"credential_issuer":"https://issuer.example","credential_configuration_ids":["a"],"grants":{"urn:ietf:params:oauth:grant-type:pre-authorized_code":{}}}""")]
    [InlineData("""{"credential_issuer":"https://issuer.example","credential_configuration_ids":["a"],"grants":{"urn:ietf:params:oauth:grant-type:pre-authorized_code":{"pre-authorized_code":"x","tx_code":{"input_mode":"emoji"}}}}""")]
    [InlineData("""[1]""")]
    [InlineData("""{not json""")]
    public void Malformed_offer_is_refused_with_invalid_credential_offer(string json) =>
        Assert.Equal("invalid_credential_offer", Assert.Throws<WalletProtocolException>(() => CredentialOffer.Parse(json)).Error);

    [Theory]
    [InlineData("https://issuer.example", "https://issuer.example/.well-known/openid-credential-issuer")]
    [InlineData("https://issuer.example/tenant-a", "https://issuer.example/.well-known/openid-credential-issuer/tenant-a")]
    public void Issuer_metadata_url_inserts_the_well_known_segment_before_the_path(string issuer, string expected) =>
        Assert.Equal(new Uri(expected), IssuerMetadata.WellKnownUri(issuer));

    [Fact]
    public void Issuer_metadata_naming_another_credential_issuer_is_refused()
    {
        using var document = System.Text.Json.JsonDocument.Parse("""{"credential_issuer":"https://evil.example","credential_endpoint":"https://evil.example/credential"}""");
        Assert.Throws<WalletProtocolException>(() => IssuerMetadata.Parse(document.RootElement, "https://issuer.example"));
    }
}
