using System.Net;
using System.Text.Json;
using GaiaX.Oid4vc.Credentials.DidWeb;
using GaiaX.Oid4vc.Credentials.Keys;
using Microsoft.Extensions.DependencyInjection;

namespace GaiaX.Oid4vc.ServiceDefaults.Tests;

public sealed class DidDocumentTests
{
    [Theory]
    [MemberData(nameof(ServiceCatalog.Names), MemberType = typeof(ServiceCatalog))]
    public async Task Service_publishes_its_did_web_document_with_an_ES256_key_and_x5c(string service)
    {
        await using var host = await ServiceCatalog.StartAsync(service);
        var response = await host.Client.GetAsync("/.well-known/did.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/did+json", response.Content.Headers.ContentType?.MediaType);

        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var expectedDid = DidWebUrl.FromBaseUrl(host.BaseUrl);
        Assert.Equal(expectedDid, document.GetProperty("id").GetString());
        var method = document.GetProperty("verificationMethod")[0];
        var identity = host.Services.GetRequiredService<ServiceIdentity>();
        Assert.Equal(identity.KeyId, method.GetProperty("id").GetString());
        Assert.StartsWith(expectedDid + "#", identity.KeyId, StringComparison.Ordinal);
        var jwk = method.GetProperty("publicKeyJwk");
        Assert.Equal("ES256", jwk.GetProperty("alg").GetString());
        Assert.Equal("P-256", jwk.GetProperty("crv").GetString());
        Assert.False(jwk.TryGetProperty("d", out _));
        Assert.True(jwk.GetProperty("x5c").GetArrayLength() >= 2);
    }
}
