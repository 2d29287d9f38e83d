namespace GaiaX.Oid4vc.Deployment.Tests;

/// <summary>
/// The development overlay on a cluster with cert-manager: one development CA, a signing identity and an ingress
/// certificate per service chained to it, mutual trust through the CA, and DID lookups that stay inside the cluster.
/// </summary>
public sealed class DevelopmentClusterTests(RenderedOverlays overlays) : IClassFixture<RenderedOverlays>
{
    private const string IdentityMount = "/var/run/secrets/gaiax/identity";

    private Dictionary<object, object?> Certificate(string secretName) =>
        Assert.Single(overlays.OfKind("dev", "Certificate"), c => c.Str("spec", "secretName") == secretName);

    private Dictionary<object, object?> IssuerOf(Dictionary<object, object?> certificate)
    {
        Assert.Equal("Issuer", certificate.Str("spec", "issuerRef", "kind"));
        return overlays.Single("dev", "Issuer", certificate.Str("spec", "issuerRef", "name")!);
    }

    [Fact]
    public void One_self_signed_issuer_makes_the_one_development_ca()
    {
        var caIssuers = overlays.OfKind("dev", "Issuer").Where(i => i.At("spec", "ca") is not null).ToList();
        var caIssuer = Assert.Single(caIssuers);
        var ca = Certificate(caIssuer.Str("spec", "ca", "secretName")!);

        Assert.Equal("true", ca.At("spec", "isCA")?.ToString()?.ToLowerInvariant());
        Assert.NotNull(IssuerOf(ca).At("spec", "selfSigned"));
    }

    [Theory]
    [MemberData(nameof(DeployedService.SigningAppIdData), MemberType = typeof(DeployedService))]
    public void Service_identity_secret_is_a_certificate_of_the_development_ca_for_its_host(string appId)
    {
        var deployment = overlays.Single("dev", "Deployment", appId);
        var container = deployment.MainContainer();
        var mount = Assert.Single(container.Seq("volumeMounts"), m => m.Str("mountPath") == IdentityMount);
        var volume = Assert.Single(deployment.PodSpec().Seq("volumes"), v => v.Str("name") == mount.Str("name"));
        var identity = Certificate(volume.Str("secret", "secretName")!);
        var host = new Uri(container.Environment(overlays.Resources("dev"))[$"{char.ToUpperInvariant(appId[0])}{appId[1..]}__PublicBaseUrl"]!).Host;

        Assert.NotNull(IssuerOf(identity).At("spec", "ca"));
        // What ServiceIdentity reads: an EC key (ES256) in PKCS#8 and the chain, leaf first, in tls.crt.
        Assert.Equal("ECDSA", identity.Str("spec", "privateKey", "algorithm"));
        Assert.Equal("256", identity.At("spec", "privateKey", "size")?.ToString());
        Assert.Equal("PKCS8", identity.Str("spec", "privateKey", "encoding"));
        Assert.Contains(host, identity.Seq("spec", "dnsNames"));
        Assert.Contains("digital signature", identity.Seq("spec", "usages"));
    }

    [Theory]
    [MemberData(nameof(DeployedService.SigningAppIdData), MemberType = typeof(DeployedService))]
    public void Service_trusts_the_development_ca_from_the_ca_crt_of_its_identity_secret(string appId)
    {
        // cert-manager writes the CA into each Secret it issues: the four services trust each other without another Secret.
        var environment = overlays.Single("dev", "Deployment", appId).MainContainer().Environment(overlays.Resources("dev"));

        Assert.Equal("Files", environment["Identity__Source"]);
        Assert.Equal(IdentityMount + "/ca.crt", environment["Trust__AnchorCertificates__0"]);
    }

    [Fact]
    public void Ingress_tls_certificates_are_issued_by_the_development_ca_for_their_hosts()
    {
        var ingress = Assert.Single(overlays.OfKind("dev", "Ingress"));
        foreach (var tls in ingress.Seq("spec", "tls"))
        {
            var certificate = Certificate(tls.Str("secretName")!);

            Assert.NotNull(IssuerOf(certificate).At("spec", "ca"));
            Assert.All(tls.Seq("hosts"), host => Assert.Contains(host, certificate.Seq("spec", "dnsNames")));
        }
    }

    [Theory]
    [MemberData(nameof(DeployedService.SigningAppIdData), MemberType = typeof(DeployedService))]
    public void Service_resolves_every_service_did_through_the_in_cluster_service(string appId)
    {
        // The ingress hosts need not resolve inside the cluster: DidWeb__Hosts sends each DID lookup to the Service.
        // Only the services that sign resolve DIDs, and only they have one (DeployedService.HasServiceIdentity).
        var environment = overlays.Single("dev", "Deployment", appId).MainContainer().Environment(overlays.Resources("dev"));
        foreach (var other in DeployedService.Signing)
        {
            var did = overlays.Single("dev", "Deployment", other.AppId).MainContainer().Environment(overlays.Resources("dev"))["Identity__Did"]!;
            var host = did["did:web:".Length..].Split(':')[0];

            Assert.Equal($"http://{other.AppId}.{DeployedService.Namespace}.svc.cluster.local", environment.GetValueOrDefault($"DidWeb__Hosts__{host}"));
            Assert.Equal("80", overlays.Single("dev", "Service", other.AppId).Seq("spec", "ports")[0].At("port")?.ToString());
        }
    }
}
