using System.Diagnostics;
using LatentOps.Monitoring.Drift.Embeddings;

namespace LatentOps.Benchmarks.Monitoring;

/// <summary>Times the stages of the MMD test separately (labels, median bandwidth, patterns, kernel tiles with permutation sums) on random data.</summary>
public static class MmdStages
{
    public static int Run(string[] args)
    {
        var rows = args.Length > 0 ? int.Parse(args[0]) : 5000;
        var perms = args.Length > 1 ? int.Parse(args[1]) : 1000;
        var random = new Random(1);
        EmbeddingMatrix Make(float shift) => new([.. Enumerable.Range(0, rows * 64).Select(_ => (float)random.NextDouble() + shift)], rows, 64);
        var a = Make(0);
        var b = Make(0.01f);
        var last = Process.GetCurrentProcess().TotalProcessorTime;
        double Cpu()
        {
            var now = Process.GetCurrentProcess().TotalProcessorTime;
            var d = (now - last).TotalSeconds;
            last = now;
            return d;
        }

        Cpu();
        FusedMmdKernel.StageTimer = (stage, elapsed) => Console.WriteLine($"  {stage}: {elapsed.TotalSeconds:F3} s wall, {Cpu():F3} s cpu");
        var w = Stopwatch.StartNew();
        var labels = MmdDriftDetector.Labels(rows, rows, perms, 0);
        Console.WriteLine($"  labels: {w.Elapsed.TotalSeconds:F3} s wall, {Cpu():F3} s cpu");
        w.Restart();
        var sums = FusedMmdKernel.Compute(a, b, null, labels, Environment.ProcessorCount);
        Console.WriteLine($"fused kernel total: {w.Elapsed.TotalSeconds:F3} s wall; sigma {sums.Bandwidth:G6}");
        return 0;
    }
}
