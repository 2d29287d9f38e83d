using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/Benchmarks -- --filter '*Dapr*'   (or '*VcJwt*', '*Rdf*', '*Issuer*', '*Notary*', …)
// dotnet run -c Release --project tests/Benchmarks -- issuer-load [clients] [seconds]
if (args.Length > 0 && args[0] == "issuer-load")
{
    await GaiaX.Oid4vc.Benchmarks.Issuer.CredentialEndpointLoad.RunAsync(args[1..]);
    return;
}
// dotnet run -c Release --project tests/Benchmarks -- issuer-split [clients] [seconds]   (issuer, sidecar and client in 3 processes)
switch (args.Length > 0 ? args[0] : null)
{
    case "issuer-split":
        await GaiaX.Oid4vc.Benchmarks.Issuer.CredentialEndpointSplitLoad.RunAsync(args[1..]);
        return;
    case "issuer-sidecar":
        await GaiaX.Oid4vc.Benchmarks.Issuer.CredentialEndpointSplitLoad.RunSidecarAsync();
        return;
    case "issuer-client":
        await GaiaX.Oid4vc.Benchmarks.Issuer.CredentialEndpointSplitLoad.RunClientAsync(args[1..]);
        return;
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
