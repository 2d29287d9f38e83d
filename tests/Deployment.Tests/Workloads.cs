namespace GaiaX.Oid4vc.Deployment.Tests;

/// <summary>Reading pod templates out of rendered workloads (Deployments, StatefulSets).</summary>
internal static class Workloads
{
    public static Dictionary<object, object?> PodSpec(this Dictionary<object, object?> workload) =>
        workload.Map("spec", "template", "spec");

    public static Dictionary<string, string?> PodAnnotations(this Dictionary<object, object?> workload) =>
        workload.Strings("spec", "template", "metadata", "annotations");

    public static Dictionary<string, string?> PodLabels(this Dictionary<object, object?> workload) =>
        workload.Strings("spec", "template", "metadata", "labels");

    public static IEnumerable<Dictionary<object, object?>> Containers(this Dictionary<object, object?> workload) =>
        workload.PodSpec().Seq("containers").Concat(workload.PodSpec().Seq("initContainers")).OfType<Dictionary<object, object?>>();

    /// <summary>The container named like the workload (the service itself, not a sidecar).</summary>
    public static Dictionary<object, object?> MainContainer(this Dictionary<object, object?> workload) =>
        workload.Containers().SingleOrDefault(c => c.Str("name") == workload.Name())
        ?? throw new Xunit.Sdk.XunitException($"{workload.Describe()} has no container named {workload.Name()}");

    /// <summary>A container port given by number or by name, as a number.</summary>
    public static int? ResolvePort(this Dictionary<object, object?> container, string? port)
    {
        if (int.TryParse(port, out var number))
        {
            return number;
        }
        var named = container.Seq("ports").OfType<Dictionary<object, object?>>().SingleOrDefault(p => p.Str("name") == port);
        return int.TryParse(named.Str("containerPort"), out var resolved) ? resolved : null;
    }

    /// <summary>
    /// The container's environment as the process sees it: ConfigMaps from envFrom first, then
    /// explicit env entries (which win). Secret-backed values read as <c>secret:&lt;name&gt;/&lt;key&gt;</c>.
    /// </summary>
    public static Dictionary<string, string> Environment(
        this Dictionary<object, object?> container,
        IReadOnlyList<Dictionary<object, object?>> rendered)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var source in container.Seq("envFrom"))
        {
            var configMapName = source.Str("configMapRef", "name");
            if (configMapName is null)
            {
                continue;
            }
            var configMap = rendered.SingleOrDefault(r => r.Kind() == "ConfigMap" && r.Name() == configMapName)
                ?? throw new Xunit.Sdk.XunitException($"envFrom names ConfigMap {configMapName}, which is not rendered");
            foreach (var (key, value) in configMap.Strings("data"))
            {
                environment[key] = value ?? "";
            }
        }
        foreach (var variable in container.Seq("env"))
        {
            var name = variable.Str("name")!;
            var secret = variable.At("valueFrom", "secretKeyRef");
            environment[name] = secret is not null
                ? $"secret:{secret.Str("name")}/{secret.Str("key")}"
                : variable.Str("value") ?? "";
        }
        return environment;
    }
}
