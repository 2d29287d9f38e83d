using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/Benchmarks -- --filter '*Dapr*'   (or '*VcJwt*', '*Rdf*', '*Issuer*', '*Notary*', '*ComplianceChain*', …)
// dotnet run -c Release --project tests/Benchmarks -- issuer-load [clients] [seconds]
// dotnet run -c Release --project tests/Benchmarks -- compliance-cpu [seconds]   (CPU per presentation)
if (args.Length > 0 && args[0] == "compliance-cpu")
{
    await GaiaX.Oid4vc.Benchmarks.Compliance.ComplianceCpuHarness.RunAsync(args);
    return;
}
if (args.Length > 0 && args[0] == "issuer-load")
{
    await GaiaX.Oid4vc.Benchmarks.Issuer.CredentialEndpointLoad.RunAsync(args[1..]);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
