using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/Benchmarks -- --filter '*VcJwt*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
