using GaiaX.Oid4vc.Credentials.DidWeb;
using GaiaX.Oid4vc.DevHost.Rehearsal;
using GaiaX.Oid4vc.Testing;
using GaiaX.Oid4vc.Wallet.Presentation;
using Xunit.Abstractions;

namespace EndToEnd.Tests;

/// <summary>
/// The production deployment rehearsed as on a cluster (k8s/rehearse.sh): every service and every sidecar a
/// process of its own, production settings, one Redis.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class ProductionRehearsalTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Separate_processes_with_production_settings_onboard_a_participant_and_finish_an_issuance_across_a_restart()
    {
        await using var redis = await RedisTestServer.StartAsync();
        var work = Directory.CreateTempSubdirectory("gaiax-rehearsal-test-").FullName;
        try
        {
            await RehearseAsync(redis, work);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private async Task RehearseAsync(RedisTestServer redis, string work)
    {
        await using var rehearsal = await ClusterRehearsal.StartAsync(redis.ConnectionString, work, output.WriteLine);
        var issuerBefore = rehearsal["issuer"].Service.ProcessId;
        var notaryBefore = rehearsal["notary"].Service.ProcessId;

        var result = await rehearsal.RunAsync();

        // Ten processes, none of them this one: five services, five sidecars.
        var processes = rehearsal.Services.SelectMany(s => new[] { s.Service.ProcessId, s.Sidecar.ProcessId }).ToList();
        Assert.All(processes, pid => Assert.NotNull(pid));
        Assert.Equal(10, processes.Distinct().Count());
        Assert.DoesNotContain(Environment.ProcessId, processes);
        // The Registry signs nothing: it has no identity to load.
        foreach (var service in rehearsal.Services.Where(s => ClusterRehearsal.HasIdentity(s.Name)))
        {
            Assert.Contains("Identity:Source Files", await File.ReadAllTextAsync(service.Service.LogPath), StringComparison.Ordinal);
        }
        string Did(string name) => DidWebUrl.FromBaseUrl(rehearsal[name].BaseUrl);
        Assert.Equal(Did("notary"), HeldCredential.FromVcJwt(result.Onboarding.RegistrationNumberCredential!).Issuer);
        Assert.NotNull(result.Onboarding.LabelCredential);
        Assert.Equal(Did("compliance"), HeldCredential.FromVcJwt(result.Onboarding.LabelCredential).Issuer);
        // The restart case: both processes are new ones, and the deferred issuance still ended with the credential.
        Assert.NotEqual(issuerBefore, rehearsal["issuer"].Service.ProcessId);
        Assert.NotEqual(notaryBefore, rehearsal["notary"].Service.ProcessId);
        Assert.NotNull(result.CredentialAfterRestart);
        var restarted = HeldCredential.FromVcJwt(result.CredentialAfterRestart);
        Assert.Equal(Did("notary"), restarted.Issuer);
        Assert.Contains(restarted.Types, t => t.EndsWith("VatID", StringComparison.Ordinal));
    }
}
