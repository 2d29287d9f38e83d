using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Issuer.Tests.Attacks;

/// <summary>
/// Item 18 of issue 18 (offer part): <c>subject_id</c> becomes <c>credentialSubject.id</c>, which
/// VCDM 2.0 requires to be a URL, so an offer naming anything else is refused with 400 problem
/// details before it exists — not signed into a credential a verifier later refuses.
/// </summary>
public sealed class OfferSubjectIdTests(IssuerFixture fixture) : IClassFixture<IssuerFixture>
{
    [Theory]
    [InlineData("not a uri")]
    [InlineData("participant-42")]
    [InlineData("/relative/path")]
    [InlineData("")]
    [InlineData(" did:web:example.com")]
    [InlineData("did:web:example.com\n")]
    [InlineData("did:web:exa mple.com")]
    [InlineData("did:web:example.com\u0000")]
    public async Task Offer_with_a_subject_id_that_is_not_a_uri_is_refused_with_400_problem_details(string subjectId)
    {
        var (status, body, contentType) = await CreateAsync(subjectId);

        Assert.True(status == HttpStatusCode.BadRequest, $"{(int)status} {body}");
        Assert.Equal("application/problem+json", contentType);
        Assert.Contains("subject_id", body!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Offer_with_an_overlong_subject_id_is_refused_with_400_problem_details()
    {
        var (status, body, _) = await CreateAsync("did:web:example.com:" + new string('a', 3000));

        Assert.True(status == HttpStatusCode.BadRequest, $"{(int)status} {body}");
    }

    [Theory]
    [InlineData("did:web:example.com")]
    [InlineData("https://example.com/participants/42")]
    [InlineData("urn:uuid:6a1f5b1e-7a4e-4f5e-9d55-0f8f0d8d8f0e")]
    public async Task Offer_with_a_uri_subject_id_is_created(string subjectId)
    {
        var (status, body, _) = await CreateAsync(subjectId);

        Assert.True(status == HttpStatusCode.Created, $"{(int)status} {body}");
    }

    private async Task<(HttpStatusCode Status, JsonObject? Body, string? ContentType)> CreateAsync(string subjectId)
    {
        var request = JsonSerializerRoundTrip(IssuerFixture.LegalPersonOffer());
        request["subject_id"] = subjectId;
        using var message = new HttpRequestMessage(HttpMethod.Post, "/api/offers") { Content = JsonContent.Create(request) };
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fixture.ManagementToken());
        using var response = await fixture.Client.SendAsync(message);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text)!.AsObject(), response.Content.Headers.ContentType?.MediaType);
    }

    private static JsonObject JsonSerializerRoundTrip(object value) =>
        System.Text.Json.JsonSerializer.SerializeToNode(value)!.AsObject();
}
