using System.Diagnostics;
using GaiaX.Oid4vc.Testing;

namespace GaiaX.Oid4vc.Deployment.Tests;

/// <summary>
/// The overlays in k8s/overlays rendered with <c>kubectl kustomize</c> (what <c>kubectl apply -k</c>
/// sends to the cluster), each rendered once per test class.
/// </summary>
public sealed class RenderedOverlays
{
    public static readonly string[] Names = ["dev", "prod"];

    private readonly Dictionary<string, Lazy<IReadOnlyList<Dictionary<object, object?>>>> _overlays;

    public RenderedOverlays()
    {
        _overlays = Names.ToDictionary(
            name => name,
            name => new Lazy<IReadOnlyList<Dictionary<object, object?>>>(() => Render(name)),
            StringComparer.Ordinal);
    }

    public static TheoryData<string> OverlayData
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var name in Names)
            {
                data.Add(name);
            }
            return data;
        }
    }

    internal IReadOnlyList<Dictionary<object, object?>> Resources(string overlay) => _overlays[overlay].Value;

    internal IEnumerable<Dictionary<object, object?>> OfKind(string overlay, string kind) =>
        Resources(overlay).Where(r => r.Kind() == kind);

    internal Dictionary<object, object?> Single(string overlay, string kind, string name) =>
        OfKind(overlay, kind).SingleOrDefault(r => r.Name() == name)
        ?? throw new Xunit.Sdk.XunitException($"overlay {overlay}: no {kind}/{name} rendered");

    /// <summary>Runs <c>kubectl kustomize k8s/overlays/&lt;overlay&gt;</c> and parses its output.</summary>
    internal static IReadOnlyList<Dictionary<object, object?>> Render(string overlay)
    {
        var directory = Path.Combine(RepositoryPaths.Root, "k8s", "overlays", overlay);
        var (exitCode, output, error) = Kubectl("kustomize", directory);
        if (exitCode != 0)
        {
            throw new Xunit.Sdk.XunitException($"kubectl kustomize k8s/overlays/{overlay} failed ({exitCode}):\n{error}");
        }
        return Yaml.LoadAll(output, $"kubectl kustomize k8s/overlays/{overlay}");
    }

    internal static (int ExitCode, string Output, string Error) Kubectl(params string[] arguments)
    {
        var start = new ProcessStartInfo("kubectl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("kubectl did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new Xunit.Sdk.XunitException(
                "kubectl is not installed or not on PATH; the deployment tests render the overlays with " +
                "`kubectl kustomize` (install kubectl, e.g. from the Kubernetes apt repository). " + e.Message);
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
            {
                process.Kill(entireProcessTree: true);
                throw new Xunit.Sdk.XunitException("kubectl " + string.Join(' ', arguments) + " did not finish within 60 s");
            }
            return (process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
        }
    }
}
