using BenchmarkDotNet.Running;

// Run all or some suites, e.g.: dotnet run -c Release --project bench/LatentOps.Benchmarks -- --filter '*Mmd*'
// Side-by-side scripts against outside references live in bench/scripts/; results in bench/results/.
// Side-by-side runners are named by their first argument (see bench/scripts/*.sh).
if (args.Length > 0 && LatentOps.Benchmarks.SideBySide.TryRun(args, out var exitCode))
{
    return exitCode;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
