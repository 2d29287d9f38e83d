namespace Security.Tests;

/// <summary>Item 9 of the outside test: no response names the server software.</summary>
[Collection(StackCollection.Name)]
public sealed class ResponseHeaderTests(StackFixture fixture)
{
    [Theory]
    [InlineData("issuer", "/healthz")]
    [InlineData("issuer", "/no-such-route")]
    [InlineData("verifier", "/healthz")]
    [InlineData("notary", "/healthz")]
    [InlineData("compliance", "/healthz")]
    public async Task Responses_carry_no_server_header(string service, string path)
    {
        using var response = await fixture.Client.GetAsync(fixture.Url(service, path));
        Assert.Empty(response.Headers.Server);
        Assert.False(response.Headers.Contains("Server"));
    }
}
