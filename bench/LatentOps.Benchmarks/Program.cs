using BenchmarkDotNet.Running;

// Side-by-side learning benchmarks (SCARF speed vs PyTorch, the quality table): see bench/scripts/.
if (args is ["learning", ..])
{
    return await LatentOps.Benchmarks.Learning.LearningBench.RunAsync(args[1..]);
}

// Run all or some suites, e.g.: dotnet run -c Release --project bench/LatentOps.Benchmarks -- --filter '*Mmd*'
// Side-by-side scripts against outside references live in bench/scripts/; results in bench/results/.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
