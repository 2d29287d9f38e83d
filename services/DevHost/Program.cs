using GaiaX.Oid4vc.DevHost;

// DevHost: the whole stack in one process on loopback, for development and demos.
// Settings: --issuer-port, --verifier-port, --notary-port, --compliance-port (or DevHost:Ports:*);
// --real-registries=true makes the Notary ask the real VIES/EORI/GLEIF instead of the sandbox.
var settings = DevStackSettings.FromArgs(args);
await using var stack = await DevStack.StartAsync(settings).ConfigureAwait(false);

Console.WriteLine(stack.DescribeServices());
if (stack["issuer"].App.Services.GetService<GaiaX.Oid4vc.Issuer.Management.DevelopmentTokens>() is { } issuerTokens)
{
    Console.WriteLine($"Issuer management API bearer token (development, 12 h):{Environment.NewLine}{issuerTokens.Create()}{Environment.NewLine}");
}
Console.WriteLine("Press Ctrl-C to stop.");

using var stopping = new CancellationTokenSource();
using var sigint = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, context =>
{
    context.Cancel = true;
    stopping.Cancel();
});
using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stopping.Cancel();
});

try
{
    await Task.Delay(Timeout.Infinite, stopping.Token).ConfigureAwait(false);
}
catch (OperationCanceledException)
{
    Console.WriteLine("Stopping…");
}
