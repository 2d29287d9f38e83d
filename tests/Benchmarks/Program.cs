using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/Benchmarks -- --filter '*Dapr*'   (or '*VcJwt*', '*Rdf*', '*Issuer*', '*Notary*',
// '*ComplianceChain*', …)
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

// dotnet run -c Release --project tests/Benchmarks -- issuer-split [clients] [seconds] [proofs per request]   (issuer, sidecar and client
// in 3 processes)
// dotnet run -c Release --project tests/Benchmarks -- flow-load [clients] [seconds] [--short]   (whole issuances against DevHost)
// dotnet run -c Release --project tests/Benchmarks -- presentation-load [clients] [seconds] [--short]   (whole presentations)
// dotnet run -c Release --project tests/Benchmarks -- compliance-load [clients] [seconds] [--short]   (VP to label over HTTP)
// dotnet run -c Release --project tests/Benchmarks -- shapes-cold [runs]   (new process to compiled official shapes)
switch (args.Length > 0 ? args[0] : null)
{
    case "flow-load":
        Environment.ExitCode = await GaiaX.Oid4vc.Benchmarks.Flows.IssuanceFlowLoad.RunAsync(args[1..]);
        return;
    case "presentation-load":
        Environment.ExitCode = await GaiaX.Oid4vc.Benchmarks.Flows.PresentationFlowLoad.RunAsync(args[1..]);
        return;
    case "compliance-load":
        Environment.ExitCode = await GaiaX.Oid4vc.Benchmarks.Flows.ComplianceFlowLoad.RunAsync(args[1..]);
        return;
    case "shapes-cold":
        Environment.ExitCode = await GaiaX.Oid4vc.Benchmarks.Rdf.ShapesColdStart.RunAsync(args[1..]);
        return;
    case "shapes-cold-child":
        Environment.ExitCode = GaiaX.Oid4vc.Benchmarks.Rdf.ShapesColdStart.RunChild(args[1]);
        return;
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
BenchmarkSwitcher.FromAssembly(typeof(GaiaX.Oid4vc.Benchmarks.Flows.FlowLoop).Assembly).Run(args);
