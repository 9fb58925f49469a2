using BenchmarkDotNet.Running;

// Side-by-side runners against outside references are named by their first argument and driven by
// bench/scripts/*.sh (SCARF speed vs PyTorch and the quality table: "learning ..."; MMD vs numpy and
// the drift validation table: see SideBySide). Everything else goes to BenchmarkDotNet, e.g.
//   dotnet run -c Release --project bench/LatentOps.Benchmarks -- --filter '*CosineTopK*'
// Results are committed in bench/results/.
if (args is ["learning", ..])
{
    return await LatentOps.Benchmarks.Learning.LearningBench.RunAsync(args[1..]);
}

if (args is ["serving-images", ..])
{
    return LatentOps.Benchmarks.Serving.ImageServingBench.Run(args[1..]);
}

if (args is ["serving", ..])
{
    return await LatentOps.Benchmarks.Serving.ServingBench.RunAsync(args[1..]);
}

if (args.Length > 0 && LatentOps.Benchmarks.SideBySide.TryRun(args, out var exitCode))
{
    return exitCode;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
