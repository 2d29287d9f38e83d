using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/Benchmarks -- --filter '*Dapr*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
