using System.Net;
using System.Net.Http.Headers;

namespace Issuer.Tests.Attacks;

/// <summary>
/// Item 16 of issue 18: an identifier in a URL or body that is not of the shape the Issuer mints
/// (offer ids are base64url handles, or <c>label-</c> + 32 hex digits) is simply unknown: 404 on the
/// offer routes, the protocol's "unknown" error on handle-taking endpoints, before any state access
/// — never the 500 of a state key Dapr refuses (<c>||</c> is reserved in state keys).
/// </summary>
public sealed class IdentifierShapeTests(IssuerFixture fixture) : IClassFixture<IssuerFixture>
{
    public static TheoryData<string> ForeignOfferIds() =>
    [
        "a%7C%7Cb",
        "%7C%7C",
        "a%7Cb",
        "a%20b",
        "%C3%A9t%C3%A9",
        "..%2F..%2Fsecret",
        "label-..",
        new string('A', 300),
    ];

    [Theory]
    [MemberData(nameof(ForeignOfferIds))]
    public async Task Credential_offer_uri_with_an_id_we_never_mint_is_404(string id)
    {
        using var response = await fixture.Client.GetAsync(new Uri("/credential-offer/" + id, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(ForeignOfferIds))]
    public async Task Offer_status_and_qr_codes_with_an_id_we_never_mint_are_404(string id)
    {
        foreach (var suffix in new[] { "", "/qr.png", "/qr.svg" })
        {
            using var message = new HttpRequestMessage(HttpMethod.Get, "/api/offers/" + id + suffix);
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fixture.ManagementToken());
            using var response = await fixture.Client.SendAsync(message);

            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{suffix}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task Offers_keep_working_with_the_ids_we_mint()
    {
        var created = await fixture.CreateOfferAsync(IssuerFixture.LegalPersonOffer());
        var id = created["offer_id"]!.GetValue<string>();

        using var offer = await fixture.Client.GetAsync(new Uri("/credential-offer/" + id, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, offer.StatusCode);
        Assert.NotNull(await fixture.OfferStatusAsync(id));
    }

    [Theory]
    [InlineData("a||b")]
    [InlineData("||")]
    [InlineData("\u0000")]
    public async Task Deferred_credential_request_with_a_foreign_transaction_id_is_invalid_transaction_id(string transactionId)
    {
        using var wallet = fixture.NewWallet();
        var accessToken = await wallet.PreAuthorizedAccessTokenAsync(IssuerFixture.LegalPersonOffer());

        var (status, body, _) = await wallet.PostAsync("/deferred_credential", accessToken, new { transaction_id = transactionId });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_transaction_id", body!["error"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("a||b")]
    [InlineData("||")]
    public async Task Notification_with_a_foreign_notification_id_is_invalid_notification_id(string notificationId)
    {
        using var wallet = fixture.NewWallet();
        var accessToken = await wallet.PreAuthorizedAccessTokenAsync(IssuerFixture.LegalPersonOffer());

        var (status, body, _) = await wallet.PostAsync("/notification", accessToken, new { notification_id = notificationId, @event = "credential_accepted" });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_notification_id", body!["error"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("a||b")]
    [InlineData("||")]
    public async Task Credential_request_by_a_foreign_credential_identifier_is_refused_without_a_server_error(string identifier)
    {
        using var wallet = fixture.NewWallet();
        var accessToken = await wallet.PreAuthorizedAccessTokenAsync(IssuerFixture.LegalPersonOffer());

        var (status, body, _) = await wallet.RequestCredentialAsync(accessToken, new { credential_identifier = identifier });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("unknown_credential_identifier", body!["error"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("a||b")]
    [InlineData("||")]
    public async Task Token_request_with_a_foreign_pre_authorized_code_is_invalid_grant(string code)
    {
        using var wallet = fixture.NewWallet();

        var token = await wallet.RequestPreAuthorizedTokenAsync(code, txCode: null);

        Assert.Equal("invalid_grant", token.Error);
        Assert.Equal(HttpStatusCode.BadRequest, token.HttpStatusCode);
    }

    [Fact]
    public async Task Credential_offer_by_value_never_names_an_id_outside_the_minted_shape()
    {
        var created = await fixture.CreateOfferAsync(IssuerFixture.LegalPersonOffer());
        Assert.Matches("^[A-Za-z0-9_-]{22}$", created["offer_id"]!.GetValue<string>());
    }
}
