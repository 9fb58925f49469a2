using System.Diagnostics;
using LatentOps.Monitoring.Drift.Embeddings;

namespace LatentOps.Benchmarks.Monitoring;

/// <summary>Times the stages of the MMD test separately (kernel matrix, labels, permutation sums) on random data.</summary>
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
        RbfKernelMatrix.StageTimer = (stage, elapsed) => Console.WriteLine($"  kernel / {stage}: {elapsed.TotalSeconds:F3} s wall, {Cpu():F3} s cpu");
        var w = Stopwatch.StartNew();
        var k = RbfKernelMatrix.Compute(a, b, null, Environment.ProcessorCount);
        Console.WriteLine($"kernel (distances, median, exp, row sums): {w.Elapsed.TotalSeconds:F3} s wall, {Cpu():F3} s cpu");
        w.Restart();
        var labels = MmdDriftDetector.Labels(rows, rows, perms, 0);
        Console.WriteLine($"labels: {w.Elapsed.TotalSeconds:F3} s wall, {Cpu():F3} s cpu");
        w.Restart();
        PermutationPairSums.Compute(k, labels, Environment.ProcessorCount, portable: false);
        Console.WriteLine($"permutation sums (AVX2): {w.Elapsed.TotalSeconds:F3} s wall, {Cpu():F3} s cpu");
        return 0;
    }
}
