using GaiaX.Oid4vc.DevHost;
using GaiaX.Oid4vc.Notary.Registries;
using GaiaX.Oid4vc.RegistrySandbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Notary.Tests;

/// <summary>DevHost runs offline: its Notary asks the sandbox registries, which know the demo companies.</summary>
public sealed class DevHostRegistrySandboxTests
{
    [Fact]
    public async Task DevHost_notary_checks_demo_companies_at_the_sandbox_registries()
    {
        await using var stack = await DevStack.StartAsync(new DevStackSettings { IssuerPort = 0, VerifierPort = 0, NotaryPort = 0, CompliancePort = 0, RegistryPort = 0 });
        var notary = stack["notary"];
        using var client = new HttpClient { BaseAddress = notary.BaseUrl };
        var company = DemoCompanies.ExampleCloud;
        var subject = Uri.EscapeDataString(NotaryUnderTest.SubjectId);

        foreach (var (type, value) in new[] { ("vat-id", company.VatId!), ("eori", company.Eori!), ("lei-code", company.Lei!), ("euid", company.Euid!) })
        {
            var response = await client.GetAsync($"/registration-numbers/{type}/{value}?subjectId={subject}");
            Assert.True(200 == (int)response.StatusCode, $"{type} {value}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        await NotaryUnderTest.ProblemAsync(await client.GetAsync($"/registration-numbers/lei-code/{DemoCompanies.VoorbeeldLapsed.Lei}?subjectId={subject}"), 404);
        await NotaryUnderTest.ProblemAsync(await client.GetAsync($"/registration-numbers/vat-id/{DemoCompanies.VoorbeeldLapsed.VatId}?subjectId={subject}"), 404);
        await NotaryUnderTest.ProblemAsync(await client.GetAsync($"/registration-numbers/vat-id/{DemoCompanies.VatIdWithMemberStateDown}?subjectId={subject}"), 503);
        Assert.StartsWith(stack.Registries!.BaseUrl.ToString(), notary.App.Services.GetRequiredService<IOptions<ViesOptions>>().Value.Endpoint, StringComparison.Ordinal);
        Assert.Contains("sandbox", stack.DescribeServices(), StringComparison.Ordinal);
    }

    [Fact]
    public void Notary_defaults_to_the_production_registries()
    {
        Assert.Equal("https://ec.europa.eu/taxation_customs/vies/services/checkVatService", new ViesOptions().Endpoint);
        Assert.Equal("https://ec.europa.eu/taxation_customs/dds2/eos/validation/services/validation", new EoriOptions().Endpoint);
        Assert.Equal("https://api.gleif.org/api/v1", new GleifOptions().Endpoint);
        Assert.False(DevStackSettings.FromArgs(["--real-registries=true"]).UseRegistrySandbox);
        Assert.True(DevStackSettings.FromArgs([]).UseRegistrySandbox);
    }
}
