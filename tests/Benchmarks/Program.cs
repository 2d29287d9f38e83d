using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/Benchmarks -- --filter '*Dapr*'   (or '*VcJwt*', '*Rdf*', …)
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
