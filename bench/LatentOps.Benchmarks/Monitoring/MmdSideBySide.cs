using System.Diagnostics;
using System.Globalization;
using LatentOps.Monitoring.Drift.Embeddings;

namespace LatentOps.Benchmarks.Monitoring;

/// <summary>
/// Times the MMD permutation test (kernel matrix, median bandwidth, B permutations) on the same input
/// the numpy reference reads, for bench/scripts/mmd_vs_numpy.sh. Prints one JSON line per repetition.
/// Usage: LatentOps.Benchmarks mmd-side-by-side INPUT.f32 ROWS_A ROWS_B DIMS PERMUTATIONS REPEATS
/// </summary>
public static class MmdSideBySide
{
    public static int Run(string[] args)
    {
        var path = args[0];
        int m = int.Parse(args[1], CultureInfo.InvariantCulture), n = int.Parse(args[2], CultureInfo.InvariantCulture);
        int d = int.Parse(args[3], CultureInfo.InvariantCulture), permutations = int.Parse(args[4], CultureInfo.InvariantCulture);
        var repeats = int.Parse(args[5], CultureInfo.InvariantCulture);
        var bytes = File.ReadAllBytes(path);
        var all = new float[bytes.Length / 4];
        Buffer.BlockCopy(bytes, 0, all, 0, bytes.Length);
        var a = new EmbeddingMatrix(all[..(m * d)], m, d);
        var b = new EmbeddingMatrix(all[(m * d)..((m + n) * d)], n, d);
        for (var r = 0; r < repeats; r++)
        {
            var watch = Stopwatch.StartNew();
            var result = new MmdDriftDetector(new MmdOptions { Permutations = permutations, Seed = r }).Run(a, b);
            watch.Stop();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{{\"impl\":\"latentops\",\"seconds\":{watch.Elapsed.TotalSeconds:F4},\"mmd2\":{result.Test.Statistic:R},\"sigma\":{result.Bandwidth:R},\"p\":{result.Test.PValue:R},\"threads\":{Environment.ProcessorCount},\"avx2\":{System.Runtime.Intrinsics.X86.Avx2.IsSupported.ToString().ToLowerInvariant()}}}"));
        }

        return 0;
    }
}
