namespace GaiaX.Oid4vc.DevHost.Rehearsal;

/// <summary><c>DevHost rehearse</c>: runs <see cref="ClusterRehearsal"/> and says each step (k8s/rehearse.sh runs it).</summary>
public static class RehearseCommand
{
    public const string UsageText = """
        usage: DevHost rehearse --redis CONNECTION [--work DIR]
        The production deployment rehearsed here: each service and its Dapr sidecar as processes of their own, with the
        overlays' settings (identities from TLS-secret-shaped files of one CA, management authority, Compliance asking the
        Registry by URL),
        Redis as the one state store and broker; the Gaia-X onboarding across them, then a service killed and started again
        in the middle of a deferred issuance. --work keeps the certificates and every process's log (default: a temp folder).
        Exit code 0 when both the onboarding and the restarted issuance ended with their credentials.
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken stopping)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (args.Any(a => a is "-h" or "--help"))
        {
            output.WriteLine(UsageText);
            return 0;
        }
        string? redis = null,
            work = null;
        for (var i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length || args[i] is not ("--redis" or "--work"))
            {
                error.WriteLine($"DevHost rehearse: unexpected '{args[i]}'{Environment.NewLine}{UsageText}");
                return DevHostCommand.Usage;
            }
            if (args[i] == "--redis")
            {
                redis = args[i + 1];
            }
            else
            {
                work = args[i + 1];
            }
        }
        if (string.IsNullOrWhiteSpace(redis))
        {
            error.WriteLine($"DevHost rehearse: --redis is required{Environment.NewLine}{UsageText}");
            return DevHostCommand.Usage;
        }
        work ??= Directory.CreateTempSubdirectory("gaiax-rehearsal-").FullName;
        output.WriteLine($"Rehearsal in {work} (certificates and one log per process)");
        await using var rehearsal = await ClusterRehearsal.StartAsync(redis, work, output.WriteLine, stopping).ConfigureAwait(false);
        var result = await rehearsal.RunAsync(stopping).ConfigureAwait(false);
        var passed = result.Onboarding.LabelCredential is not null && result.CredentialAfterRestart is not null;
        output.WriteLine(passed ? "Rehearsal passed." : "Rehearsal FAILED: see the logs in " + work);
        return passed ? 0 : 1;
    }
}
