using System.Net;
using System.Text.Json;
using GaiaX.Oid4vc.Credentials.DidWeb;
using GaiaX.Oid4vc.Credentials.Keys;
using GaiaX.Oid4vc.Credentials.VcJwt;
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

    [Theory]
    [MemberData(nameof(ServiceCatalog.Names), MemberType = typeof(ServiceCatalog))]
    public async Task Credential_signed_by_the_service_verifies_through_its_published_did_document(string service)
    {
        await using var host = await ServiceCatalog.StartAsync(service);
        var identity = host.Services.GetRequiredService<ServiceIdentity>();
        var credential = new System.Text.Json.Nodes.JsonObject
        {
            ["@context"] = new System.Text.Json.Nodes.JsonArray("https://www.w3.org/ns/credentials/v2"),
            ["type"] = new System.Text.Json.Nodes.JsonArray("VerifiableCredential"),
            ["credentialSubject"] = new System.Text.Json.Nodes.JsonObject { ["id"] = "did:web:holder.example" },
        };
        var jwt = host.Services.GetRequiredService<VcJwtIssuer>().Issue(credential, identity.SigningKey, identity.Did);

        // The verifier resolves did:web over HTTP from the running service and checks the chain to the development CA.
        var result = await host.Services.GetRequiredService<VcJwtVerifier>().VerifyAsync(jwt);

        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal(identity.Did, result.Value.Key.Controller);
        Assert.Equal(2, result.Value.Key.CertificateChain.Count);
    }

    [Fact]
    public async Task Configured_did_web_with_a_path_is_served_at_the_path_it_resolves_to()
    {
        // did:web:host:dch:issuer resolves to https://host/dch/issuer/did.json (DID Web section 3.2).
        await using var host = await ServiceCatalog.StartAsync("Issuer", ["--Identity:Did=did:web:issuer.example:dch:issuer"]);

        using var response = await host.Client.GetAsync("/dch/issuer/did.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("did:web:issuer.example:dch:issuer", document.GetProperty("id").GetString());
        Assert.StartsWith("did:web:issuer.example:dch:issuer#", document.GetProperty("verificationMethod")[0].GetProperty("id").GetString(), StringComparison.Ordinal);
    }
}
