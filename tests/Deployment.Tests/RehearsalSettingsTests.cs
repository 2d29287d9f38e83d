using GaiaX.Oid4vc.DevHost.Onboarding;
using GaiaX.Oid4vc.DevHost.Rehearsal;

namespace GaiaX.Oid4vc.Deployment.Tests;

/// <summary>The rehearsal (k8s/rehearse.sh, ./test.sh) runs the services with the overlays' settings, not its own.</summary>
public sealed class RehearsalSettingsTests(RenderedOverlays overlays) : IClassFixture<RenderedOverlays>
{
    // What only the rehearsal sets: loopback DIDs and published chains over http, a faster deferred interval, the sandbox
    // registries' URLs (the overlays leave the Notary at the real registries' defaults).
    private static readonly string[] RehearsalOnly =
    [
        "DidWeb__AllowHttpLoopback", "Registry__AllowLoopbackChainUrls", "Issuer__DeferredIntervalSeconds", "Notary__Registries__",
    ];

    [Theory]
    [MemberData(nameof(DeployedService.AppIdData), MemberType = typeof(DeployedService))]
    public void Rehearsal_gives_each_service_only_settings_the_overlays_give_it(string appId)
    {
        Assert.Contains(appId, ClusterRehearsal.ServiceNames);
        using var tokens = new ManagementTokens(TimeProvider.System);
        var baseUrls = ClusterRehearsal.ServiceNames.ToDictionary(n => n, n => new Uri($"http://127.0.0.1:{5100 + n.Length}"));
        var settings = ClusterRehearsal.ServiceSettings(
            appId, "/work", baseUrls, tokens, ["--Notary:Registries:Vies:Endpoint=http://127.0.0.1:1/vies"], "-----BEGIN CERTIFICATE-----");
        var dev = overlays.Single("dev", "Deployment", appId).MainContainer().Environment(overlays.Resources("dev"));
        var prod = overlays.Single("prod", "Deployment", appId).MainContainer().Environment(overlays.Resources("prod"));

        foreach (var (key, value) in settings.Where(s => !RehearsalOnly.Any(r => s.Key.StartsWith(r, StringComparison.Ordinal))))
        {
            Assert.True(dev.ContainsKey(key) || prod.ContainsKey(key) || key == "ASPNETCORE_ENVIRONMENT", $"{appId}: the rehearsal sets {key}, no overlay does");
        }
        Assert.Equal(DeployedService.Get(appId).HasServiceIdentity, ClusterRehearsal.HasIdentity(appId));
        if (!DeployedService.Get(appId).HasServiceIdentity)
        {
            Assert.DoesNotContain(settings.Keys, k => k.StartsWith("Identity__", StringComparison.Ordinal));
            return;
        }
        // The identity and trust files have the names cert-manager gives them in the Secret the overlays mount.
        Assert.Equal(Path.GetFileName(dev["Identity__PrivateKeyPath"]), Path.GetFileName(settings["Identity__PrivateKeyPath"]));
        Assert.Equal(Path.GetFileName(dev["Identity__CertificateChainPath"]), Path.GetFileName(settings["Identity__CertificateChainPath"]));
        Assert.Equal(Path.GetFileName(dev["Trust__AnchorCertificates__0"]), Path.GetFileName(settings["Trust__AnchorCertificates__0"]));
        Assert.Equal("Files", settings["Identity__Source"]);
        Assert.Equal(dev["Identity__Source"], settings["Identity__Source"]);
    }
}
