namespace GaiaX.Oid4vc.Deployment.Tests;

/// <summary>
/// What the production overlay cannot know is asked for, not left out: a value it cannot know is the
/// placeholder <c>REQUIRED: …</c>, which stops the service at start naming the setting (RequiredSettings), so
/// an operator who forgets one gets that message instead of a management API that refuses every call or a
/// trust list that trusts nobody.
/// </summary>
public sealed class ProductionSettingsTests(RenderedOverlays overlays) : IClassFixture<RenderedOverlays>
{
    private const string Placeholder = "REQUIRED:";

    private Dictionary<string, string> Environment(string appId) =>
        overlays.Single("prod", "Deployment", appId).MainContainer().Environment(overlays.Resources("prod"));

    [Theory]
    [InlineData("issuer", "Issuer__Management__Authority")]
    [InlineData("verifier", "Verifier__Management__Authority")]
    [InlineData("compliance", "Compliance__Registry__BaseUrl")]
    [InlineData("registry", "Registry__Management__Authority")]
    public void Setting_only_the_operator_knows_is_required_in_production(string appId, string setting)
    {
        var value = Assert.Contains(setting, Environment(appId));

        Assert.StartsWith(Placeholder, value, StringComparison.Ordinal);
        Assert.True(value.Length > Placeholder.Length + 20, $"{setting} says what to put there");
    }

    [Theory]
    [InlineData("issuer")]
    [InlineData("verifier")]
    [InlineData("notary")]
    [InlineData("compliance")]
    public void Every_service_trusts_the_anchors_of_the_mounted_trust_anchors_secret(string appId)
    {
        var deployment = overlays.Single("prod", "Deployment", appId);
        var anchor = Assert.Contains("Trust__AnchorCertificates__0", Environment(appId));
        var volume = Assert.Single(deployment.PodSpec().Seq("volumes"), v => v.Str("secret", "secretName") == "trust-anchors");
        var mount = Assert.Single(deployment.MainContainer().Seq("volumeMounts"), m => m.Str("name") == volume.Str("name"));

        Assert.Equal(mount.Str("mountPath") + "/ca.crt", anchor);
        Assert.Equal("true", mount.At("readOnly")?.ToString()?.ToLowerInvariant());
    }

    [Fact]
    public void Development_overlay_leaves_no_setting_at_its_placeholder()
    {
        foreach (var appId in DeployedService.All.Select(s => s.AppId))
        {
            var environment = overlays.Single("dev", "Deployment", appId).MainContainer().Environment(overlays.Resources("dev"));
            Assert.DoesNotContain(environment, setting => setting.Value.StartsWith(Placeholder, StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("issuer", "Issuer", "gaiax-issuer-management")]
    [InlineData("verifier", "Verifier", "gaiax-verifier")]
    [InlineData("registry", "Registry", "gaiax-registry")]
    public void Development_management_api_accepts_the_tokens_devhost_mints(string appId, string section, string audience)
    {
        // `DevHost -- token` signs with the key whose public JWK k8s/create-secrets.sh puts in management-jwk.
        var environment = overlays.Single("dev", "Deployment", appId).MainContainer().Environment(overlays.Resources("dev"));

        Assert.Equal("secret:management-jwk/jwk", environment[$"{section}__Management__SigningKeyJwk"]);
        Assert.Equal("urn:gaiax:devhost:onboarding", environment[$"{section}__Management__TokenIssuer"]);
        Assert.Equal(audience, environment[$"{section}__Management__Audience"]);
    }

    [Theory]
    [MemberData(nameof(RenderedOverlays.OverlayData), MemberType = typeof(RenderedOverlays))]
    public void Registry_starts_its_trust_list_with_the_anchors_and_the_notary_the_services_trust(string overlay)
    {
        // Otherwise its first trust list trusts nobody, and every chain it is asked about is refused. The anchors are
        // the PEM itself (Registry:Bootstrap takes certificates, not paths): prod's trust-anchors Secret, which the
        // other services mount; in dev the development CA every identity chains to.
        var resources = overlays.Resources(overlay);
        var registry = overlays.Single(overlay, "Deployment", "registry").MainContainer().Environment(resources);
        var notary = overlays.Single(overlay, "Deployment", "notary");
        var anchors = overlay == "dev"
            ? Assert.Single(overlays.OfKind(overlay, "Issuer"), i => i.At("spec", "ca") is not null).Str("spec", "ca", "secretName")
            : Assert.Single(notary.PodSpec().Seq("volumes"), v => v.Str("name") == "trust-anchors").Str("secret", "secretName");

        Assert.Equal($"secret:{anchors}/ca.crt", registry.GetValueOrDefault("Registry__Bootstrap__TrustAnchorCertificates__0"));
        Assert.Equal(
            notary.MainContainer().Environment(resources)["Identity__Did"],
            registry.GetValueOrDefault("Registry__Bootstrap__TrustedIssuers__registration-notary__0"));
    }
}
