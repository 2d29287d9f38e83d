using GaiaX.Oid4vc.Issuer.Status;
using GaiaX.Oid4vc.Issuer.Token;
using GaiaX.Oid4vc.ServiceDefaults.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.ServiceDefaults.Tests;

/// <summary>
/// A service gives back what a burst of work left behind once it goes idle, and never while it is busy.
/// </summary>
public sealed class IdleMemoryTests
{
    private const long MiB = 1_048_576;

    private static readonly IdleMemoryOptions Defaults = new();

    [Fact]
    public void An_idle_interval_after_enough_work_trims()
    {
        Assert.True(IdleMemoryTrimmer.ShouldTrim(1 * MiB, 300 * MiB, TimeSpan.FromSeconds(30), Defaults));
    }

    [Fact]
    public void A_busy_interval_never_trims_however_much_work_came_before()
    {
        Assert.False(IdleMemoryTrimmer.ShouldTrim(9 * MiB, 10_000 * MiB, TimeSpan.FromHours(5), Defaults));
    }

    [Fact]
    public void An_idle_service_without_new_work_trims_again_only_after_the_repeat_interval()
    {
        Assert.False(IdleMemoryTrimmer.ShouldTrim(1 * MiB, 20 * MiB, TimeSpan.FromMinutes(9), Defaults));
        Assert.True(IdleMemoryTrimmer.ShouldTrim(1 * MiB, 20 * MiB, TimeSpan.FromMinutes(10), Defaults));
    }

    [Fact]
    public void A_trim_lets_every_cache_drop_its_expired_entries_and_returns_the_free_heap_to_the_system()
    {
        var caches = new[] { new CountingCache(), new CountingCache() };
        var garbage = new List<byte[]>();
        for (var i = 0; i < 256; i++)
        {
            var block = new byte[MiB];
            Array.Fill(block, (byte)1);
            garbage.Add(block);
        }
        var before = Environment.WorkingSet;
        garbage.Clear();

        IdleMemoryTrimmer.Trim(caches);

        Assert.All(caches, cache => Assert.Equal(1, cache.Trims));
        var returned = (before - Environment.WorkingSet) / MiB;
        Assert.True(returned >= 128, $"{returned} MiB of 256 MiB garbage returned");
    }

    [Theory]
    [MemberData(nameof(ServiceCatalog.Names), MemberType = typeof(ServiceCatalog))]
    public async Task Every_service_runs_the_trimmer(string service)
    {
        await using var host = await ServiceCatalog.StartAsync(service);

        Assert.Single(host.Services.GetServices<IHostedService>().OfType<IdleMemoryTrimmer>());
    }

    [Fact]
    public async Task The_issuers_token_and_index_caches_are_the_ones_trimmed()
    {
        await using var host = await ServiceCatalog.StartAsync("Issuer");
        var trimmed = host.Services.GetServices<IIdleTrimmable>().ToList();

        Assert.Contains(trimmed, cache => ReferenceEquals(cache, host.Services.GetRequiredService<IAccessTokenStore>()));
        Assert.Contains(trimmed, cache => ReferenceEquals(cache, host.Services.GetRequiredService<IssuedCredentialRegistry>()));
    }

    [Fact]
    public async Task An_out_of_range_setting_stops_the_service_at_start()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            ServiceCatalog.StartAsync("Verifier", ["--IdleMemory:CheckIntervalSeconds=0"]));

        Assert.Contains("IdleMemory:CheckIntervalSeconds", failure.Message, StringComparison.Ordinal);
    }

    private sealed class CountingCache : IIdleTrimmable
    {
        public int Trims { get; private set; }

        public void TrimIdle() => Trims++;
    }
}
