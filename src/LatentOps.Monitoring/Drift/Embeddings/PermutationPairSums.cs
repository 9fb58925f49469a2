using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LatentOps.Monitoring.Drift.Embeddings;

/// <summary>
/// For a batch of label vectors z_b (1 = "first sample"), computes U_b = sum over i &lt; j of
/// z_b[i] z_b[j] K[i, j] from the strict upper triangle of K: the only quantity of an MMD permutation
/// that is not linear in z.
/// </summary>
/// <remarks>
/// The numpy reference does one GEMM, K (N x N) times Z (N x B): N² B multiply-adds. Here:
/// (1) only the upper triangle (half); (2) float32; (3) a table-lookup ("Four Russians") kernel: for a
/// row i and three consecutive columns, the 8 possible partial sums z_j K_ij + ... are one AVX2
/// register, and one <c>vpermps</c> looks up the sum for 8 permutations at once (their 3-bit patterns of
/// z over those columns), i.e. 24 multiply-adds in one shuffle plus one add; (4) tiles of rows x
/// columns so the tables, patterns and accumulators stay in cache, spread over the threads.
/// </remarks>
internal static class PermutationPairSums
{
    private const int Group = 8;            // permutations per AVX2 register
    private const int GroupsPerBlock = 8;   // accumulators held in registers
    private const int Block = Group * GroupsPerBlock;
    private const int RowTile = 32;
    private const int ChunkTile = 128;      // 384 columns

    /// <summary>Runs the fast kernel when AVX2 is there, else the portable one.</summary>
    public static double[] Compute(RbfKernelMatrix k, bool[][] labels, int threads, bool portable)
    {
        return !portable && Avx2.IsSupported && Fma.IsSupported ? ComputeAvx2(k, labels, threads) : ComputePortable(k, labels, threads);
    }

    /// <summary>Plain loops over i &lt; j, vectorised over permutations; the reference the fast kernel is checked against.</summary>
    public static double[] ComputePortable(RbfKernelMatrix k, bool[][] labels, int threads)
    {
        var n = k.N;
        var b = labels.Length;
        var z = new float[n * b];
        for (var p = 0; p < b; p++)
        {
            for (var i = 0; i < n; i++)
            {
                z[(i * b) + p] = labels[p][i] ? 1f : 0f;
            }
        }

        var totals = new double[b];
        var gate = new object();
        Parallel.For(0, n, new ParallelOptions { MaxDegreeOfParallelism = threads }, () => new double[b], (i, _, local) =>
        {
            var u = new float[b];
            var row = k.Tail(i);
            for (var j = i + 1; j < n; j++)
            {
                System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(z.AsSpan(j * b, b), row[j - i - 1], u, u);
            }

            var zi = z.AsSpan(i * b, b);
            for (var p = 0; p < b; p++)
            {
                local[p] += zi[p] * u[p];
            }

            return local;
        }, local =>
        {
            lock (gate)
            {
                for (var p = 0; p < b; p++)
                {
                    totals[p] += local[p];
                }
            }
        });

        return totals;
    }

    /// <summary>The table-lookup kernel (AVX2 + FMA).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe double[] ComputeAvx2(RbfKernelMatrix k, bool[][] labels, int threads)
    {
        var n = k.N;
        var b = labels.Length;
        var bPad = (b + Block - 1) / Block * Block;
        var chunks = k.Stride / 3;

        // Patterns: for chunk c (columns 3c..3c+2) and permutation p, z_p[3c] + 2 z_p[3c+1] + 4 z_p[3c+2].
        var patterns = new int[(long)chunks * bPad];
        var zf = new float[(long)n * bPad];
        // Blocks of 64 rows (or chunks) so each permutation's labels are read sequentially and the writes go to 64 streams.
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads };
        Parallel.For(0, (chunks + 63) / 64, parallel, block =>
        {
            var c1 = Math.Min(chunks, (block + 1) * 64);
            for (var p = 0; p < b; p++)
            {
                var z = labels[p];
                for (var c = block * 64; c < c1; c++)
                {
                    var j = 3 * c;
                    var bits = (j < n && z[j] ? 1 : 0) | (j + 1 < n && z[j + 1] ? 2 : 0) | (j + 2 < n && z[j + 2] ? 4 : 0);
                    patterns[((long)c * bPad) + p] = bits;
                }
            }
        });
        Parallel.For(0, (n + 63) / 64, parallel, block =>
        {
            var i1 = Math.Min(n, (block + 1) * 64);
            for (var p = 0; p < b; p++)
            {
                var z = labels[p];
                for (var i = block * 64; i < i1; i++)
                {
                    zf[((long)i * bPad) + p] = z[i] ? 1f : 0f;
                }
            }
        });

        var rowTiles = (n + RowTile - 1) / RowTile;
        var chunkTiles = (chunks + ChunkTile - 1) / ChunkTile;
        var work = new List<(int RowTile, int ChunkTile)>();
        for (var rt = 0; rt < rowTiles; rt++)
        {
            for (var ct = 0; ct < chunkTiles; ct++)
            {
                // Skip tiles entirely on or below the diagonal: columns all <= the tile's last row.
                var lastColumn = Math.Min((ct + 1) * ChunkTile * 3, k.Stride) - 1;
                if (lastColumn > rt * RowTile)
                {
                    work.Add((rt, ct));
                }
            }
        }

        var totals = new double[bPad];
        var gate = new object();
        Parallel.For(0, work.Count, new ParallelOptions { MaxDegreeOfParallelism = threads },
            () => (Totals: new double[bPad], Tables: new float[RowTile * ChunkTile * Group], TileSums: new float[bPad]),
            (w, _, state) =>
            {
                var (rt, ct) = work[w];
                Tile(k, patterns, zf, bPad, rt * RowTile, Math.Min(n, (rt + 1) * RowTile), ct * ChunkTile, Math.Min(chunks, (ct + 1) * ChunkTile), state.Tables, state.TileSums);
                var tileSums = state.TileSums;
                for (var p = 0; p < bPad; p++)
                {
                    state.Totals[p] += tileSums[p];
                }

                return state;
            },
            state =>
            {
                lock (gate)
                {
                    for (var p = 0; p < bPad; p++)
                    {
                        totals[p] += state.Totals[p];
                    }
                }
            });

        return totals[..b];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Tile(RbfKernelMatrix k, int[] patterns, float[] zf, int bPad, int row0, int row1, int chunk0, int chunk1, float[] tables, float[] tileSums)
    {
        Array.Clear(tileSums);
        var m0 = Vector256.Create(0f, 1, 0, 1, 0, 1, 0, 1);
        var m1 = Vector256.Create(0f, 0, 1, 1, 0, 0, 1, 1);
        var m2 = Vector256.Create(0f, 0, 0, 0, 1, 1, 1, 1);

        fixed (float* upper = k.Upper, table = tables, z = zf, sums = tileSums)
        fixed (int* pattern = patterns)
        {
            // Lookup tables: entry e of (row, chunk) = sum of K[row, 3c + t] over the set bits t of e.
            for (var i = row0; i < row1; i++)
            {
                var row = upper + k.Offsets[i] - RbfKernelMatrix.RowStart(i);
                var t = table + ((i - row0) * ChunkTile * Group);
                for (var c = Math.Max(chunk0, RbfKernelMatrix.RowStart(i) / 3); c < chunk1; c++)
                {
                    var kv = row + (3 * c);
                    var v = Vector256.Create(kv[0]) * m0;
                    v = Fma.MultiplyAdd(Vector256.Create(kv[1]), m1, v);
                    v = Fma.MultiplyAdd(Vector256.Create(kv[2]), m2, v);
                    Avx.Store(t + ((c - chunk0) * Group), v);
                }
            }

            for (var block = 0; block < bPad; block += Block)
            {
                for (var i = row0; i < row1; i++)
                {
                    // Columns at or left of the diagonal are zero in K, so start at the chunk holding column i + 1.
                    var first = Math.Max(chunk0, (i + 1) / 3);
                    if (first >= chunk1)
                    {
                        continue;
                    }

                    var t = table + ((i - row0) * ChunkTile * Group) + ((first - chunk0) * Group);
                    var pat = pattern + ((long)first * bPad) + block;
                    Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
                    for (var c = first; c < chunk1; c++)
                    {
                        var tv = Avx.LoadVector256(t);
                        a0 = Avx.Add(a0, Avx2.PermuteVar8x32(tv, Avx.LoadVector256(pat)));
                        a1 = Avx.Add(a1, Avx2.PermuteVar8x32(tv, Avx.LoadVector256(pat + 8)));
                        a2 = Avx.Add(a2, Avx2.PermuteVar8x32(tv, Avx.LoadVector256(pat + 16)));
                        a3 = Avx.Add(a3, Avx2.PermuteVar8x32(tv, Avx.LoadVector256(pat + 24)));
                        a4 = Avx.Add(a4, Avx2.PermuteVar8x32(tv, Avx.LoadVector256(pat + 32)));
                        a5 = Avx.Add(a5, Avx2.PermuteVar8x32(tv, Avx.LoadVector256(pat + 40)));
                        a6 = Avx.Add(a6, Avx2.PermuteVar8x32(tv, Avx.LoadVector256(pat + 48)));
                        a7 = Avx.Add(a7, Avx2.PermuteVar8x32(tv, Avx.LoadVector256(pat + 56)));
                        t += Group;
                        pat += bPad;
                    }

                    // Row i counts only for permutations where z[i] = 1.
                    var zi = z + ((long)i * bPad) + block;
                    var s = sums + block;
                    Avx.Store(s, Fma.MultiplyAdd(a0, Avx.LoadVector256(zi), Avx.LoadVector256(s)));
                    Avx.Store(s + 8, Fma.MultiplyAdd(a1, Avx.LoadVector256(zi + 8), Avx.LoadVector256(s + 8)));
                    Avx.Store(s + 16, Fma.MultiplyAdd(a2, Avx.LoadVector256(zi + 16), Avx.LoadVector256(s + 16)));
                    Avx.Store(s + 24, Fma.MultiplyAdd(a3, Avx.LoadVector256(zi + 24), Avx.LoadVector256(s + 24)));
                    Avx.Store(s + 32, Fma.MultiplyAdd(a4, Avx.LoadVector256(zi + 32), Avx.LoadVector256(s + 32)));
                    Avx.Store(s + 40, Fma.MultiplyAdd(a5, Avx.LoadVector256(zi + 40), Avx.LoadVector256(s + 40)));
                    Avx.Store(s + 48, Fma.MultiplyAdd(a6, Avx.LoadVector256(zi + 48), Avx.LoadVector256(s + 48)));
                    Avx.Store(s + 56, Fma.MultiplyAdd(a7, Avx.LoadVector256(zi + 56), Avx.LoadVector256(s + 56)));
                }
            }
        }
    }
}
