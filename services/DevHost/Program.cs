using System.Runtime.InteropServices;
using GaiaX.Oid4vc.DevHost;

// DevHost: the whole stack in one process on loopback, for development and demos (see DevHostCommand.UsageText).
using var stopping = new CancellationTokenSource();
void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stopping.Cancel();
}
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
return await DevHostCommand.RunAsync(args, Console.Out, Console.Error, stopping.Token).ConfigureAwait(false);
