using System.Net;
using GaiaX.Oid4vc.Notary;
using GaiaX.Oid4vc.Testing;

namespace Notary.Tests;

/// <summary>The interactive API reference (Scalar) is served in Development and nowhere else.</summary>
public sealed class InteractiveApiReferenceTests
{
    [Fact]
    public async Task Scalar_reference_is_served_in_development()
    {
        await using var host = await TestServiceHost.StartAsync((a, c) => NotaryProgram.Create(a, c), "Notary", ["--environment=Development"]);

        using var page = await host.Client.GetAsync("/scalar/v1");
        using var script = await host.Client.GetAsync("/scalar/scalar.js");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("openapi/v1.json", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }

    [Fact]
    public async Task Scalar_reference_is_not_served_in_production()
    {
        await using var host = await TestServiceHost.StartAsync((a, c) => NotaryProgram.Create(a, c), "Notary", ["--environment=Production"]);

        using var page = await host.Client.GetAsync("/scalar/v1");
        using var document = await host.Client.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
    }
}
