using System.Net;
using GaiaX.Oid4vc.Dapr.State;
using GaiaX.Oid4vc.DevHost;
using GaiaX.Oid4vc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GaiaX.Oid4vc.ServiceDefaults.Tests;

public sealed class DevHostTests
{
    [Fact]
    public async Task DevHost_starts_all_four_services_each_live_and_ready_with_its_dapr_sidecar()
    {
        await using var stack = await DevStack.StartAsync(new DevStackSettings
        {
            IssuerPort = 0,
            VerifierPort = 0,
            NotaryPort = 0,
            CompliancePort = 0,
            RegistryPort = 0,
        });

        Assert.Equal(["issuer", "verifier", "notary", "registry", "compliance"], stack.Services.Select(s => s.Name));
        Assert.Equal(5, stack.Services.Select(s => s.BaseUrl.Port).Distinct().Count());
        using var client = new HttpClient();
        foreach (var service in stack.Services)
        {
            var response = await client.GetAsync(new Uri(service.BaseUrl, "/healthz"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            // Ready means its embedded Dapr sidecar answers.
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(service.BaseUrl, "/readyz"))).StatusCode);
            Assert.Contains(service.BaseUrl.ToString().TrimEnd('/'), stack.DescribeServices(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task DevHost_with_redis_configured_keeps_service_state_across_a_restart()
    {
        await using var redis = await RedisTestServer.StartAsync();
        var settings = new DevStackSettings { IssuerPort = 0, VerifierPort = 0, NotaryPort = 0, CompliancePort = 0, RegistryPort = 0, Redis = redis.ConnectionString };
        await using (var first = await DevStack.StartAsync(settings))
        {
            Assert.Contains("Redis", first.DescribeServices(), StringComparison.Ordinal);
            await first["issuer"].App.Services.GetRequiredService<IDaprStateStore>().SaveAsync("probe", "kept");
        }
        await using var second = await DevStack.StartAsync(settings);
        Assert.Equal("kept", await second["issuer"].App.Services.GetRequiredService<IDaprStateStore>().GetAsync<string>("probe"));
        Assert.Null(await second["verifier"].App.Services.GetRequiredService<IDaprStateStore>().GetAsync<string>("probe"));
    }

    [Fact]
    public void DevHost_ports_are_configurable_from_the_command_line()
    {
        var settings = DevStackSettings.FromArgs(["--issuer-port", "6101", "--compliance-port=6104", "--registry-port", "6105"]);
        Assert.Equal(6101, settings.IssuerPort);
        Assert.Equal(5102, settings.VerifierPort);
        Assert.Equal(6104, settings.CompliancePort);
        Assert.Equal(6105, settings.RegistryPort);
    }

    [Fact]
    public void DevHost_rejects_a_port_that_is_not_a_port_naming_the_setting()
    {
        var failure = Assert.Throws<ArgumentException>(() => DevStackSettings.FromArgs(["--notary-port", "70000"]));
        Assert.Contains("DevHost:Ports:Notary", failure.Message, StringComparison.Ordinal);
    }
}
