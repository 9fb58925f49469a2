using BenchmarkDotNet.Running;

// Run all or some suites, e.g.: dotnet run -c Release --project bench/LatentOps.Benchmarks -- --filter '*Mmd*'
// Side-by-side scripts against outside references live in bench/scripts/; results in bench/results/.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
