using System.Net;
using System.Net.Http.Json;
using GaiaX.Oid4vc.Dapr;
using GaiaX.Oid4vc.Dapr.Embedded;
using GaiaX.Oid4vc.Registry;
using GaiaX.Oid4vc.Testing;

namespace Registry.Tests;

/// <summary>A Registry whose state store is down answers 503 with Retry-After: unavailable, never "not trusted".</summary>
public sealed class RegistryOutageTests
{
    [Fact]
    public async Task With_its_state_store_down_the_registry_answers_503_with_retry_after_not_409()
    {
        var storage = new FaultInjectingEmbeddedStorage(new InMemoryEmbeddedStorage());
        await using var dapr = DaprTestEnvironment.WithStorage(storage);
        using var pki = new TestPki("Outage Root");
        await using var host = await dapr.StartServiceAsync(
            AppIds.Registry,
            (args, configure) => RegistryProgram.Create(args, configure),
            RegistryOptions.SectionName,
            [$"--Registry:Bootstrap:TrustAnchorCertificates:0={pki.RootPem}"]
        );
        storage.FailAfter(0);

        using var chain = await host.Client.PostAsJsonAsync("/api/trustAnchor/chain", new { certs = pki.RootPem });
        using var issuers = await host.Client.GetAsync("/api/trusted-issuers/registration-notary");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, chain.StatusCode);
        Assert.NotNull(chain.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, issuers.StatusCode);
    }
}
