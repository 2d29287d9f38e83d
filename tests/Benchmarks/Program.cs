using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/Benchmarks -- --filter '*Dapr*'   (or '*VcJwt*', '*Rdf*', '*Issuer*', '*Notary*', …)
// dotnet run -c Release --project tests/Benchmarks -- issuer-load [clients] [seconds]
if (args.Length > 0 && args[0] == "issuer-load")
{
    await GaiaX.Oid4vc.Benchmarks.Issuer.CredentialEndpointLoad.RunAsync(args[1..]);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
