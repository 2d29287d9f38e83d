using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/Benchmarks -- --filter '*Rdf*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
