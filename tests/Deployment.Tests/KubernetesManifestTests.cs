using GaiaX.Oid4vc.Dapr;

namespace GaiaX.Oid4vc.Deployment.Tests;

/// <summary>
/// Invariants of what each overlay renders: the services as the code names them, the ports, the
/// probes, the Dapr annotations, security, resources, disruption budgets, identity and Redis.
/// </summary>
public sealed class KubernetesManifestTests(RenderedOverlays overlays) : IClassFixture<RenderedOverlays>
{
    private static readonly string[] NamespacedKinds =
    [
        "Deployment", "StatefulSet", "Service", "ServiceAccount", "ConfigMap", "PodDisruptionBudget",
        "NetworkPolicy", "Ingress", "Component", "Configuration", "Resiliency", "Subscription",
    ];

    [Theory]
    [MemberData(nameof(RenderedOverlays.OverlayData), MemberType = typeof(RenderedOverlays))]
    public void Overlay_renders_with_kubectl_kustomize(string overlay)
    {
        var (exitCode, _, error) = RenderedOverlays.Kubectl("kustomize", DeployedService.PathOf($"k8s/overlays/{overlay}"));

        Assert.True(exitCode == 0, $"kubectl kustomize k8s/overlays/{overlay} failed: {error}");
        Assert.NotEmpty(overlays.Resources(overlay));
    }

    [Theory]
    [MemberData(nameof(RenderedOverlays.OverlayData), MemberType = typeof(RenderedOverlays))]
    public void Deployments_are_exactly_the_app_ids_in_code_each_once(string overlay)
    {
        var deployments = overlays.OfKind(overlay, "Deployment").ToList();
        var appIds = deployments.Select(d => d.PodAnnotations().GetValueOrDefault("dapr.io/app-id")).ToList();

        Assert.Equal(appIds.Count, appIds.Distinct().Count());
        Assert.Equal(AppIds.All.Order(StringComparer.Ordinal), appIds.Order(StringComparer.Ordinal));
        Assert.All(deployments, d => Assert.Equal(d.Name(), d.PodAnnotations()["dapr.io/app-id"]));
    }

    [Theory]
    [MemberData(nameof(RenderedOverlays.OverlayData), MemberType = typeof(RenderedOverlays))]
    public void Dapr_app_port_equals_the_container_port_the_service_listens_on(string overlay)
    {
        foreach (var deployment in overlays.OfKind(overlay, "Deployment"))
        {
            var container = deployment.MainContainer();
            var environment = container.Environment(overlays.Resources(overlay));
            var appPort = deployment.PodAnnotations().GetValueOrDefault("dapr.io/app-port");

            Assert.Equal("true", deployment.PodAnnotations().GetValueOrDefault("dapr.io/enabled"));
            Assert.Equal(DeployedService.ContainerPort.ToString(), appPort);
            Assert.Equal(DeployedService.ContainerPort, container.ResolvePort("http"));
            Assert.Equal(DeployedService.ContainerPort.ToString(), environment.GetValueOrDefault("ASPNETCORE_HTTP_PORTS"));
            // ASPNETCORE_URLS would override the port binding and could bind loopback only.
            Assert.DoesNotContain("ASPNETCORE_URLS", environment.Keys);
        }
    }

    [Theory]
    [MemberData(nameof(RenderedOverlays.OverlayData), MemberType = typeof(RenderedOverlays))]
    public void Each_service_is_exposed_by_a_service_targeting_its_container_port(string overlay)
    {
        foreach (var deployment in overlays.OfKind(overlay, "Deployment"))
        {
            var service = overlays.Single(overlay, "Service", deployment.Name());
            var selector = service.Strings("spec", "selector");
            var port = Assert.Single(service.Seq("spec", "ports"));

            Assert.NotEmpty(selector);
            Assert.All(selector, s => Assert.Equal(s.Value, deployment.PodLabels().GetValueOrDefault(s.Key)));
            Assert.Equal(DeployedService.ContainerPort, deployment.MainContainer().ResolvePort(port.Str("targetPort")));
        }
    }

    [Theory]
    [MemberData(nameof(RenderedOverlays.OverlayData), MemberType = typeof(RenderedOverlays))]
    public void Probes_point_at_the_health_endpoints_on_the_service_port(string overlay)
    {
        foreach (var deployment in overlays.OfKind(overlay, "Deployment"))
        {
            var container = deployment.MainContainer();
            foreach (var (probe, path) in new[] { ("livenessProbe", "/healthz"), ("readinessProbe", "/readyz"), ("startupProbe", "/healthz") })
            {
                Assert.True(container.At(probe) is not null, $"{deployment.Describe()} has no {probe}");
                Assert.Equal(path, container.Str(probe, "httpGet", "path"));
                Assert.Equal(DeployedService.ContainerPort, container.ResolvePort(container.Str(probe, "httpGet", "port")));
            }
            Assert.Equal("true", deployment.PodAnnotations().GetValueOrDefault("dapr.io/enable-app-health-check"));
            Assert.Equal("/healthz", deployment.PodAnnotations().GetValueOrDefault("dapr.io/app-health-check-path"));
        }
    }

    [Theory]
    [MemberData(nameof(RenderedOverlays.OverlayData), MemberType = typeof(RenderedOverlays))]
    public void Dapr_config_annotation_names_a_rendered_configuration(string overlay)
    {
        var configurations = overlays.OfKind(overlay, "Configuration").Select(c => c.Name()).ToHashSet();

        Assert.All(overlays.OfKind(overlay, "Deployment"), d =>
            Assert.Contains(d.PodAnnotations().GetValueOrDefault("dapr.io/config") ?? "(none)", configurations));
    }

    [Theory]
    [MemberData(nameof(RenderedOverlays.OverlayData), MemberType = typeof(RenderedOverlays))]
    public void Sidecar_and_app_authenticate_each_other_with_per_service_tokens(string overlay)
    {
        var tokens = new List<string>();
        foreach (var deployment in overlays.OfKind(overlay, "Deployment"))
        {
            var annotations = deployment.PodAnnotations();
            var appToken = annotations.GetValueOrDefault("dapr.io/app-token-secret");
            var apiToken = annotations.GetValueOrDefault("dapr.io/api-token-secret");

            Assert.False(string.IsNullOrEmpty(appToken), $"{deployment.Describe()}: no dapr.io/app-token-secret");
            Assert.False(string.IsNullOrEmpty(apiToken), $"{deployment.Describe()}: no dapr.io/api-token-secret");
            Assert.NotEqual(appToken, apiToken);
            tokens.Add(appToken!);
            tokens.Add(apiToken!);
        }
        // One service's token must not open another service's sidecar or app.
        Assert.Equal(tokens.Count, tokens.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(RenderedOverlays.OverlayData), MemberType = typeof(RenderedOverlays))]
    public void Sidecars_have_resources_and_a_log_level(string overlay)
    {
        foreach (var deployment in overlays.OfKind(overlay, "Deployment"))
        {
            var annotations = deployment.PodAnnotations();
            foreach (var key in new[]
            {
                "dapr.io/sidecar-cpu-request", "dapr.io/sidecar-memory-request",
                "dapr.io/sidecar-cpu-limit", "dapr.io/sidecar-memory-limit", "dapr.io/log-level",
            })
            {
                Assert.False(string.IsNullOrEmpty(annotations.GetValueOrDefault(key)), $"{deployment.Describe()}: no {key}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(RenderedOverlays.OverlayData), MemberType = typeof(RenderedOverlays))]
    public void Every_pod_runs_non_root_with_a_read_only_root_and_no_capabilities(string overlay)
    {
        foreach (var workload in Workloads(overlay))
        {
            var pod = workload.PodSpec();
            Assert.Equal("true", pod.Str("securityContext", "runAsNonRoot"));
            Assert.Equal("RuntimeDefault", pod.Str("securityContext", "seccompProfile", "type"));
            Assert.NotEqual("0", pod.Str("securityContext", "runAsUser"));
            foreach (var container in workload.Containers())
            {
                var what = $"{workload.Describe()} container {container.Str("name")}";
                Assert.True(container.Str("securityContext", "allowPrivilegeEscalation") == "false", what + ": privilege escalation allowed");
                Assert.True(container.Str("securityContext", "readOnlyRootFilesystem") == "true", what + ": writable root filesystem");
                Assert.True(container.Seq("securityContext", "capabilities", "drop").Contains("ALL"), what + ": capabilities not dropped");
                Assert.True(container.Str("securityContext", "privileged") is null or "false", what + ": privileged");
            }
        }
    }

    [Theory]
    [MemberData(nameof(RenderedOverlays.OverlayData), MemberType = typeof(RenderedOverlays))]
    public void Service_accounts_are_per_service_and_bound_to_no_role(string overlay)
    {
        var accounts = overlays.OfKind(overlay, "ServiceAccount").Select(a => a.Name()).ToHashSet();

        Assert.DoesNotContain(overlays.Resources(overlay), r => r.Kind() is "RoleBinding" or "ClusterRoleBinding" or "Role" or "ClusterRole");
        foreach (var deployment in overlays.OfKind(overlay, "Deployment"))
        {
            Assert.Equal(deployment.Name(), deployment.PodSpec().Str("serviceAccountName"));
            Assert.Contains(deployment.Name(), accounts);
            // Only the declared, scoped secret store; the built-in one would be unscoped.
            Assert.Equal("true", deployment.PodAnnotations().GetValueOrDefault("dapr.io/disable-builtin-k8s-secret-store"));
        }
    }

    [Theory]
    [MemberData(nameof(RenderedOverlays.OverlayData), MemberType = typeof(RenderedOverlays))]
    public void Services_run_as_the_image_user(string overlay)
    {
        // The Dockerfiles switch to $APP_UID; the pod must agree or the files it owns are unreadable.
        Assert.All(overlays.OfKind(overlay, "Deployment"), d =>
            Assert.Equal(DeployedService.AppUid.ToString(), d.PodSpec().Str("securityContext", "runAsUser")));
    }

    [Theory]
    [MemberData(nameof(RenderedOverlays.OverlayData), MemberType = typeof(RenderedOverlays))]
    public void Every_container_has_resource_requests_and_limits(string overlay)
    {
        foreach (var workload in Workloads(overlay))
        {
            foreach (var container in workload.Containers())
            {
                foreach (var kind in new[] { "requests", "limits" })
                {
                    foreach (var resource in new[] { "cpu", "memory" })
                    {
                        Assert.False(
                            string.IsNullOrEmpty(container.Str("resources", kind, resource)),
                            $"{workload.Describe()} container {container.Str("name")}: no resources.{kind}.{resource}");
                    }
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(RenderedOverlays.OverlayData), MemberType = typeof(RenderedOverlays))]
    public void Every_service_has_a_pod_disruption_budget_selecting_its_pods(string overlay)
    {
        var budgets = overlays.OfKind(overlay, "PodDisruptionBudget").ToList();
        foreach (var deployment in overlays.OfKind(overlay, "Deployment"))
        {
            var labels = deployment.PodLabels();
            var budget = budgets.SingleOrDefault(b =>
            {
                var selector = b.Strings("spec", "selector", "matchLabels");
                return selector.Count > 0 && selector.All(s => labels.GetValueOrDefault(s.Key) == s.Value);
            });

            Assert.True(budget is not null, $"no PodDisruptionBudget selects {deployment.Describe()}");
            Assert.True(budget.At("spec", "maxUnavailable") is not null || budget.At("spec", "minAvailable") is not null);
        }
    }

    [Theory]
    [MemberData(nameof(RenderedOverlays.OverlayData), MemberType = typeof(RenderedOverlays))]
    public void Everything_is_in_the_deployment_namespace(string overlay)
    {
        var resources = overlays.Resources(overlay);

        Assert.Contains(resources, r => r.Kind() == "Namespace" && r.Name() == DeployedService.Namespace);
        Assert.All(resources.Where(r => NamespacedKinds.Contains(r.Kind())), r =>
            Assert.True(r.Str("metadata", "namespace") == DeployedService.Namespace, $"{r.Describe()} is not in {DeployedService.Namespace}"));
    }

    [Theory]
    [MemberData(nameof(RenderedOverlays.OverlayData), MemberType = typeof(RenderedOverlays))]
    public void Each_service_is_told_its_public_base_url(string overlay)
    {
        foreach (var service in DeployedService.All)
        {
            var deployment = overlays.Single(overlay, "Deployment", service.AppId);
            var url = deployment.MainContainer().Environment(overlays.Resources(overlay)).GetValueOrDefault(service.PublicBaseUrlKey);

            Assert.True(Uri.TryCreate(url, UriKind.Absolute, out var uri), $"{service.AppId}: {service.PublicBaseUrlKey} is '{url}'");
            // Both overlays serve every service on its ingress host over TLS (dev: <service>.gaiax.localhost).
            Assert.Equal(Uri.UriSchemeHttps, uri.Scheme);
            if (overlay == "dev")
            {
                Assert.Equal(new Uri($"https://{service.AppId}.gaiax.localhost"), uri);
            }
        }
    }

    [Theory]
    [MemberData(nameof(RenderedOverlays.OverlayData), MemberType = typeof(RenderedOverlays))]
    public void Signing_identity_is_read_from_the_mounted_tls_secret(string overlay)
    {
        foreach (var deployment in DeployedService.Signing.Select(s => overlays.Single(overlay, "Deployment", s.AppId)))
        {
            var container = deployment.MainContainer();
            var environment = container.Environment(overlays.Resources(overlay));
            var mount = container.Seq("volumeMounts").OfType<Dictionary<object, object?>>()
                .SingleOrDefault(m => m.Str("mountPath") == "/var/run/secrets/gaiax/identity");
            Assert.True(mount is not null, $"{deployment.Describe()}: nothing mounted at /var/run/secrets/gaiax/identity");
            var volume = deployment.PodSpec().Seq("volumes").OfType<Dictionary<object, object?>>().Single(v => v.Str("name") == mount.Str("name"));

            Assert.Equal("Files", environment.GetValueOrDefault("Identity__Source"));
            Assert.Equal("/var/run/secrets/gaiax/identity/tls.key", environment.GetValueOrDefault("Identity__PrivateKeyPath"));
            Assert.Equal("/var/run/secrets/gaiax/identity/tls.crt", environment.GetValueOrDefault("Identity__CertificateChainPath"));
            Assert.Equal("true", mount.Str("readOnly"));
            Assert.Equal($"{deployment.Name()}-identity", volume.Str("secret", "secretName"));
            // Required: a pod without its key must not start.
            Assert.NotEqual("true", volume.Str("secret", "optional"));
        }
    }

    [Theory]
    [MemberData(nameof(RenderedOverlays.OverlayData), MemberType = typeof(RenderedOverlays))]
    public void Service_that_signs_nothing_gets_no_identity_to_mount_or_load(string overlay)
    {
        // A key it never uses would be one more secret to issue, rotate and leak (DeployedService.HasServiceIdentity).
        foreach (var service in DeployedService.All.Where(s => !s.HasServiceIdentity))
        {
            var deployment = overlays.Single(overlay, "Deployment", service.AppId);
            var container = deployment.MainContainer();
            var environment = container.Environment(overlays.Resources(overlay));

            Assert.DoesNotContain(container.Seq("volumeMounts"), m => m.Str("mountPath") == "/var/run/secrets/gaiax/identity");
            Assert.DoesNotContain(deployment.PodSpec().Seq("volumes"), v => v.Str("secret", "secretName") == $"{service.AppId}-identity");
            Assert.DoesNotContain(environment.Keys, k => k.StartsWith("Identity__", StringComparison.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(RenderedOverlays.OverlayData), MemberType = typeof(RenderedOverlays))]
    public void Redis_is_a_stateful_set_with_a_persistent_volume_and_a_password_from_a_secret(string overlay)
    {
        var redis = overlays.Single(overlay, "StatefulSet", "redis");
        var container = redis.MainContainer();
        var claims = redis.Seq("spec", "volumeClaimTemplates").OfType<Dictionary<object, object?>>().Select(c => c.Name()).ToList();
        var password = container.Environment(overlays.Resources(overlay)).GetValueOrDefault("REDIS_PASSWORD");

        Assert.NotEmpty(claims);
        Assert.Contains(container.Seq("volumeMounts"), m => claims.Contains(m.Str("name")!) && m.Str("mountPath") == "/data");
        Assert.StartsWith("secret:", password);
        var args = container.Seq("args").Cast<string>().ToList();
        var flag = args.IndexOf("--requirepass");
        Assert.True(flag >= 0 && args[flag + 1] == "$(REDIS_PASSWORD)", "redis-server must require the password from REDIS_PASSWORD");
        // An evicted single-use marker (code, nonce) would make it usable again.
        Assert.Equal("noeviction", args[args.IndexOf("--maxmemory-policy") + 1]);
        Assert.Equal(redis.Str("spec", "serviceName"), overlays.Single(overlay, "Service", "redis").Name());
    }

    [Theory]
    [MemberData(nameof(RenderedOverlays.OverlayData), MemberType = typeof(RenderedOverlays))]
    public void Images_are_the_service_images_and_pinned(string overlay)
    {
        foreach (var service in DeployedService.All)
        {
            var image = overlays.Single(overlay, "Deployment", service.AppId).MainContainer().Str("image")!;
            if (overlay == "prod")
            {
                // A registry prefix and an explicit version; never the moving "latest".
                Assert.Matches($"^[^/]+(/[^/]+)*/{service.Image}:[^:/]+$", image);
                Assert.DoesNotMatch(":latest$", image);
            }
            else
            {
                // Skaffold and Tilt replace exactly this name with the image they built.
                Assert.Equal(service.Image, image);
            }
        }
        var redisImage = overlays.Single(overlay, "StatefulSet", "redis").MainContainer().Str("image")!;
        Assert.Matches(":[0-9]", redisImage);
    }

    private IEnumerable<Dictionary<object, object?>> Workloads(string overlay) =>
        overlays.OfKind(overlay, "Deployment").Concat(overlays.OfKind(overlay, "StatefulSet"));
}
