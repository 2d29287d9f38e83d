using GaiaX.Oid4vc.DevHost;
using GaiaX.Oid4vc.DevHost.Onboarding;

// DevHost: the whole stack in one process on loopback, for development and demos.
// Settings: --issuer-port, --verifier-port, --notary-port, --compliance-port (or DevHost:Ports:*);
// --real-registries=true makes the Notary ask the real VIES/EORI/GLEIF instead of the sandbox.
// --demo runs the Gaia-X participant onboarding with the reference wallet, prints each step, and exits.
var demo = args.Contains("--demo", StringComparer.OrdinalIgnoreCase);
using var tokens = new ManagementTokens(TimeProvider.System);
var parsed = DevStackSettings.FromArgs(args.Where(a => !a.Equals("--demo", StringComparison.OrdinalIgnoreCase)).ToArray());
var settings = parsed with { ServiceArgs = [.. tokens.ServiceArguments(), "--Issuer:DeferredIntervalSeconds=1", .. parsed.ServiceArgs] };
if (demo)
{
    // The demo needs no fixed ports: it must not collide with a DevHost already running.
    settings = settings with { IssuerPort = 0, VerifierPort = 0, NotaryPort = 0, CompliancePort = 0 };
}
await using var stack = await DevStack.StartAsync(settings).ConfigureAwait(false);

Console.WriteLine(stack.DescribeServices());
if (demo)
{
    var result = await OnboardingDemo.RunAsync(stack, tokens, Console.Out).ConfigureAwait(false);
    return result.LabelCredential is null ? 1 : 0;
}
await OnboardingDemo.PrintWalletStartAsync(stack, tokens, Console.Out).ConfigureAwait(false);
Console.WriteLine("Press Ctrl-C to stop.");

using var stopping = new CancellationTokenSource();
using var sigint = System.Runtime.InteropServices.PosixSignalRegistration.Create(
    System.Runtime.InteropServices.PosixSignal.SIGINT,
    context =>
    {
        context.Cancel = true;
        stopping.Cancel();
    }
);
using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(
    System.Runtime.InteropServices.PosixSignal.SIGTERM,
    context =>
    {
        context.Cancel = true;
        stopping.Cancel();
    }
);

try
{
    await Task.Delay(Timeout.Infinite, stopping.Token).ConfigureAwait(false);
}
catch (OperationCanceledException)
{
    Console.WriteLine("Stopping…");
}
return 0;
