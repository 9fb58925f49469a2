using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LatentOps.Monitoring.Drift.Embeddings;

/// <summary>
/// The MMD permutation test's kernel work without ever storing the N x N kernel matrix (AVX2 + FMA):
/// squared distances are 4 x 16 register tiles of a GEMM (N² d / 2 multiply-adds, cheap next to the
/// permutations), recomputed in each pass instead of being written to and read back from memory.
/// </summary>
/// <remarks>
/// Pass 1 counts the distances of all pairs i &lt; j in a histogram over the top 16 bits of their float32
/// bit patterns (monotone for non-negative floats); pass 2 counts only the values in the bins holding the
/// two middle ranks, over their low 16 bits: together the exact median, no sorting, no stored matrix.
/// Pass 3 works tile by tile (32 rows x 192 columns of the strict upper triangle): distances, exp, row
/// and column sums, then a table-lookup ("Four Russians") permutation kernel: for a row and three consecutive columns, the 8 possible partial
/// sums are one AVX2 register and one <c>vpermps</c> looks up the sum for 8 permutations at once (their
/// 3-bit membership patterns over those columns), 24 multiply-adds per shuffle. Each row tile keeps its
/// own partial sums, added in row-tile order at the end, so the result does not depend on thread timing.
/// </remarks>
internal static class FusedMmdKernel
{
    private const int Group = 8;            // permutations per AVX2 register
    private const int Block = Group * 8;    // eight accumulators held in registers
    private const int RowTile = 32;
    private const int ChunkTile = 64;       // three columns per chunk
    private const int TileColumns = ChunkTile * 3;
    private const int MaxBatch = 1024;      // permutations per pass over the kernel (bounds the pattern memory)
    private const int CoarseBins = 1 << 15; // top 16 bits of a non-negative float
    private const int FineBins = 1 << 16;   // low 16 bits

    /// <summary>When set, receives the wall time of each stage (for bench/LatentOps.Benchmarks' mmd-stages).</summary>
    internal static Action<string, TimeSpan>? StageTimer { get; set; }

    /// <summary>True when the CPU has AVX2 and FMA.</summary>
    public static bool IsSupported => Avx2.IsSupported && Fma.IsSupported;

    /// <summary>Bandwidth (given or median heuristic), row sums of K and the pair sums of every label vector.</summary>
    public static MmdKernelSums Compute(EmbeddingMatrix a, EmbeddingMatrix b, double? bandwidth, bool[][] labels, int threads)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        void Stage(string name)
        {
            StageTimer?.Invoke(name, watch.Elapsed);
            watch.Restart();
        }

        var n = a.Rows + b.Rows;
        var d = a.Dimensions;
        var stride = (n + TileColumns - 1) / TileColumns * TileColumns;
        // Pooled rows in panels of 16: panel q holds d x 16 values, component k of rows 16q..16q+15 contiguous.
        var xt = new float[d * stride];
        var norms = new float[stride];
        for (var i = 0; i < n; i++)
        {
            var row = i < a.Rows ? a.Row(i) : b.Row(i - a.Rows);
            norms[i] = TensorPrimitives.Dot(row, row);
            for (var k = 0; k < d; k++)
            {
                xt[((((i / 16) * d) + k) * 16) + (i % 16)] = row[k];
            }
        }

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads };
        var sigma = bandwidth ?? MedianBandwidth(xt, norms, n, d, parallel);
        Stage("median bandwidth (two histogram passes over recomputed distances)");
        var scale = (float)(-1.0 / (2 * sigma * sigma));
        var rowTiles = (n + RowTile - 1) / RowTile;
        var upperSums = new double[n];
        var columnPartials = new double[rowTiles][];
        var pairSums = new double[labels.Length];
        for (var start = 0; start < labels.Length; start += MaxBatch)
        {
            var batch = labels.AsSpan(start, Math.Min(MaxBatch, labels.Length - start)).ToArray();
            var bPad = (batch.Length + Block - 1) / Block * Block;
            var patterns = Patterns(batch, n, stride / 3, bPad, parallel);
            Stage("permutation patterns");
            var first = start == 0;
            var tileTotals = new double[rowTiles][];
            Parallel.For(0, rowTiles, parallel, () => new TileBuffers(d, bPad), (rt, _, buffers) =>
            {
                tileTotals[rt] = RowTileSums(xt, norms, n, d, stride, scale, patterns, bPad, rt, buffers,
                    first ? upperSums : null, first ? columnPartials : null);
                return buffers;
            }, _ => { });
            for (var rt = 0; rt < rowTiles; rt++)
            {
                for (var p = 0; p < batch.Length; p++)
                {
                    pairSums[start + p] += tileTotals[rt][p];
                }
            }

            Stage("kernel tiles and permutation sums");
        }

        // Row sums of the symmetric K: the upper part of row i plus the column sums above the diagonal.
        var rowSums = upperSums;
        for (var rt = 0; rt < rowTiles; rt++)
        {
            var partial = columnPartials[rt];
            var r0 = rt * RowTile;
            for (var j = r0; j < n; j++)
            {
                rowSums[j] += partial[j - r0];
            }
        }

        return new MmdKernelSums(sigma, rowSums, pairSums);
    }

    /// <summary>Per-thread scratch of the tile pass.</summary>
    private sealed class TileBuffers(int d, int bPad)
    {
        public float[] Xi { get; } = new float[RowTile * d];
        public float[] Kernel { get; } = new float[RowTile * TileColumns];
        public float[] Tables { get; } = new float[RowTile * ChunkTile * Group];
        public float[] TileSums { get; } = new float[bPad];
    }

    /// <summary>For chunk c (columns 3c..3c+2) and permutation p: z_p[3c] + 2 z_p[3c+1] + 4 z_p[3c+2].</summary>
    private static int[] Patterns(bool[][] labels, int n, int chunks, int bPad, ParallelOptions parallel)
    {
        var patterns = new int[(long)chunks * bPad];
        Parallel.For(0, (chunks + 63) / 64, parallel, block =>
        {
            var c1 = Math.Min(chunks, (block + 1) * 64);
            for (var p = 0; p < labels.Length; p++)
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
        return patterns;
    }

    /// <summary>Rows rt*32 .. rt*32+31 against every column to their right: pair sums per permutation (returned),
    /// and on the first batch the upper row sums of those rows and this tile's column sums.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe double[] RowTileSums(float[] xtArray, float[] normsArray, int n, int d, int stride, float scale, int[] patternArray, int bPad,
        int rt, TileBuffers buffers, double[]? upperSums, double[][]? columnPartials)
    {
        var r0 = rt * RowTile;
        var r1 = Math.Min(n, r0 + RowTile);
        var totals = new double[bPad];
        var columns = columnPartials is null ? null : new double[n - r0];
        var m0 = Vector256.Create(0f, 1, 0, 1, 0, 1, 0, 1);
        var m1 = Vector256.Create(0f, 0, 1, 1, 0, 0, 1, 1);
        var m2 = Vector256.Create(0f, 0, 0, 0, 1, 1, 1, 1);
        var one = Vector256.Create(1);
        fixed (float* xt = xtArray, norms = normsArray, xi = buffers.Xi, kt = buffers.Kernel, tables = buffers.Tables, sums = buffers.TileSums)
        fixed (int* patterns = patternArray)
        {
            for (var g = 0; g < RowTile / 4; g++)
            {
                Pack(xt, d, r0 + (4 * g), xi + (g * 4 * d));
            }

            for (var ct = (r0 + 1) / TileColumns; ct < stride / TileColumns; ct++)
            {
                var j0 = ct * TileColumns;
                if (j0 >= n)
                {
                    break;
                }

                var c0 = ct * ChunkTile;
                var c1 = c0 + ChunkTile;

                // Squared distances of the tile, skipping 4 x 16 blocks entirely on or below the diagonal.
                for (var cb = 0; cb < TileColumns / 16 && j0 + (cb * 16) < n; cb++)
                {
                    var j = j0 + (cb * 16);
                    for (var g = 0; g < RowTile / 4 && r0 + (4 * g) < n; g++)
                    {
                        var i0 = r0 + (4 * g);
                        if (j + 15 > i0)
                        {
                            Distances4x16(xt, d, xi + (g * 4 * d), norms, i0, j, kt + (4 * g * TileColumns) + (cb * 16), TileColumns);
                        }
                    }
                }

                // Kernel values (zero on and below the diagonal and past the last row), sums, lookup tables.
                for (var i = r0; i < r1; i++)
                {
                    var row = new Span<float>(kt + ((i - r0) * TileColumns), TileColumns);
                    var lo = Math.Clamp(i + 1 - j0, 0, TileColumns);
                    var hi = Math.Clamp(n - j0, lo, TileColumns);
                    var live = row[lo..hi];
                    var sum = KernelExp.ScaleExpSum(live, scale);
                    row[..lo].Clear();
                    row[hi..].Clear();
                    if (upperSums is not null && columns is not null)
                    {
                        upperSums[i] += sum;
                        AddWidened(live, columns.AsSpan(j0 + lo - r0, live.Length));
                    }

                    var t = tables + ((i - r0) * ChunkTile * Group);
                    var kv0 = kt + ((i - r0) * TileColumns);
                    for (var c = Math.Max(c0, (i + 1) / 3); c < c1; c++)
                    {
                        var kv = kv0 + (3 * (c - c0));
                        var v = Vector256.Create(kv[0]) * m0;
                        v = Fma.MultiplyAdd(Vector256.Create(kv[1]), m1, v);
                        v = Fma.MultiplyAdd(Vector256.Create(kv[2]), m2, v);
                        Avx.Store(t + ((c - c0) * Group), v);
                    }
                }

                new Span<float>(sums, bPad).Clear();
                for (var block = 0; block < bPad; block += Block)
                {
                    for (var i = r0; i < r1; i++)
                    {
                        var first = Math.Max(c0, (i + 1) / 3);
                        if (first >= c1)
                        {
                            continue;
                        }

                        var t = tables + ((i - r0) * ChunkTile * Group) + ((first - c0) * Group);
                        var pat = patterns + ((long)first * bPad) + block;
                        Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
                        for (var c = first; c < c1; c++)
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

                        // Row i counts only for permutations where z[i] = 1: bit i % 3 of the pattern of chunk i / 3.
                        var zp = patterns + ((long)(i / 3) * bPad) + block;
                        var shift = i % 3;
                        var s = sums + block;
                        Accumulate(s, a0, Avx.LoadVector256(zp), shift, one);
                        Accumulate(s + 8, a1, Avx.LoadVector256(zp + 8), shift, one);
                        Accumulate(s + 16, a2, Avx.LoadVector256(zp + 16), shift, one);
                        Accumulate(s + 24, a3, Avx.LoadVector256(zp + 24), shift, one);
                        Accumulate(s + 32, a4, Avx.LoadVector256(zp + 32), shift, one);
                        Accumulate(s + 40, a5, Avx.LoadVector256(zp + 40), shift, one);
                        Accumulate(s + 48, a6, Avx.LoadVector256(zp + 48), shift, one);
                        Accumulate(s + 56, a7, Avx.LoadVector256(zp + 56), shift, one);
                    }
                }

                for (var p = 0; p < bPad; p++)
                {
                    totals[p] += sums[p];
                }
            }
        }

        if (columnPartials is not null && columns is not null)
        {
            columnPartials[rt] = columns;
        }

        return totals;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Accumulate(float* s, Vector256<float> rowSums, Vector256<int> pattern, int shift, Vector256<int> one)
    {
        var z = Avx.ConvertToVector256Single(Vector256.ShiftRightLogical(pattern, shift) & one);
        Avx.Store(s, Fma.MultiplyAdd(rowSums, z, Avx.LoadVector256(s)));
    }

    /// <summary>Rows i0..i0+3 (i0 a multiple of 4) of the panelled data, row after row (d values each).</summary>
    private static unsafe void Pack(float* xt, int d, int i0, float* xi)
    {
        var panel = xt + ((long)(i0 / 16) * d * 16);
        for (var r = 0; r < 4; r++)
        {
            for (var k = 0; k < d; k++)
            {
                xi[(r * d) + k] = panel[(k * 16) + (i0 % 16) + r];
            }
        }
    }

    /// <summary>|x_i|² + |x_j|² - 2 x_i.x_j (at least 0) for rows i0..i0+3 and columns j..j+15, into dst (row pitch given).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Distances4x16(float* xt, int d, float* xi, float* norms, int i0, int j, float* dst, int pitch)
    {
        Vector256<float> a00 = default, a01 = default, a10 = default, a11 = default, a20 = default, a21 = default, a30 = default, a31 = default;
        var col = xt + ((long)(j / 16) * d * 16);
        for (var k = 0; k < d; k++)
        {
            var v0 = Avx.LoadVector256(col);
            var v1 = Avx.LoadVector256(col + 8);
            var b0 = Vector256.Create(xi[k]);
            var b1 = Vector256.Create(xi[d + k]);
            var b2 = Vector256.Create(xi[(2 * d) + k]);
            var b3 = Vector256.Create(xi[(3 * d) + k]);
            a00 = Fma.MultiplyAdd(b0, v0, a00);
            a01 = Fma.MultiplyAdd(b0, v1, a01);
            a10 = Fma.MultiplyAdd(b1, v0, a10);
            a11 = Fma.MultiplyAdd(b1, v1, a11);
            a20 = Fma.MultiplyAdd(b2, v0, a20);
            a21 = Fma.MultiplyAdd(b2, v1, a21);
            a30 = Fma.MultiplyAdd(b3, v0, a30);
            a31 = Fma.MultiplyAdd(b3, v1, a31);
            col += 16;
        }

        var n0 = Avx.LoadVector256(norms + j);
        var n1 = Avx.LoadVector256(norms + j + 8);
        Avx.Store(dst, Finish(norms[i0], n0, a00));
        Avx.Store(dst + 8, Finish(norms[i0], n1, a01));
        Avx.Store(dst + pitch, Finish(norms[i0 + 1], n0, a10));
        Avx.Store(dst + pitch + 8, Finish(norms[i0 + 1], n1, a11));
        Avx.Store(dst + (2 * pitch), Finish(norms[i0 + 2], n0, a20));
        Avx.Store(dst + (2 * pitch) + 8, Finish(norms[i0 + 2], n1, a21));
        Avx.Store(dst + (3 * pitch), Finish(norms[i0 + 3], n0, a30));
        Avx.Store(dst + (3 * pitch) + 8, Finish(norms[i0 + 3], n1, a31));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Finish(float ni, Vector256<float> nj, Vector256<float> dot) =>
        Avx.Max(Avx.Subtract(Avx.Add(Vector256.Create(ni), nj), Avx.Multiply(Vector256.Create(2f), dot)), Vector256<float>.Zero);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddWidened(ReadOnlySpan<float> source, Span<double> target)
    {
        var i = 0;
        for (; i + 4 <= source.Length; i += 4)
        {
            var wide = Avx.ConvertToVector256Double(Vector128.Create<float>(source.Slice(i, 4)));
            (Vector256.Create<double>(target.Slice(i, 4)) + wide).CopyTo(target.Slice(i, 4));
        }

        for (; i < source.Length; i++)
        {
            target[i] += source[i];
        }
    }

    /// <summary>sigma = sqrt(median(squared distances over pairs i &lt; j) / 2), exact, from two histogram passes.</summary>
    private static double MedianBandwidth(float[] xt, float[] norms, int n, int d, ParallelOptions parallel)
    {
        var count = (long)n * (n - 1) / 2;
        var high = count / 2;                        // 0-based rank of the upper middle
        var low = count % 2 == 1 ? high : high - 1;  // and of the lower middle
        var groups = (n + RowTile - 1) / RowTile;
        var gate = new object();

        var coarse = new long[CoarseBins];
        Parallel.For(0, groups, parallel, () => new CoarseCounter(new int[CoarseBins], d), (g, _, counter) =>
        {
            Visit(xt, norms, n, d, g * RowTile, ref counter);
            return counter;
        }, counter =>
        {
            lock (gate)
            {
                for (var k = 0; k < CoarseBins; k++)
                {
                    coarse[k] += counter.Counts[k];
                }
            }
        });

        var (lowBin, lowStart) = Locate(coarse, low);
        var (highBin, highStart) = Locate(coarse, high);
        var lowFine = new long[FineBins];
        var highFine = new long[FineBins];
        Parallel.For(0, groups, parallel, () => new FineCounter(lowBin, highBin, new int[FineBins], new int[FineBins], d), (g, _, counter) =>
        {
            Visit(xt, norms, n, d, g * RowTile, ref counter);
            return counter;
        }, counter =>
        {
            lock (gate)
            {
                for (var k = 0; k < FineBins; k++)
                {
                    lowFine[k] += counter.Low[k];
                    highFine[k] += counter.High[k];
                }
            }
        });

        var lowValue = BitConverter.Int32BitsToSingle((lowBin << 16) | Locate(lowFine, low - lowStart).Bin);
        var highValue = BitConverter.Int32BitsToSingle((highBin << 16) | Locate(lowBin == highBin ? lowFine : highFine, high - highStart).Bin);
        var median = ((double)lowValue + highValue) / 2;
        return median > 0 ? Math.Sqrt(median / 2) : 1.0;
    }

    /// <summary>The bin holding 0-based rank <paramref name="rank"/> and the number of values in the bins before it.</summary>
    private static (int Bin, long Start) Locate(long[] histogram, long rank)
    {
        long seen = 0;
        for (var k = 0; k < histogram.Length; k++)
        {
            if (seen + histogram[k] > rank)
            {
                return (k, seen);
            }

            seen += histogram[k];
        }

        throw new InvalidOperationException($"Rank {rank} is beyond the {seen} counted distances.");
    }

    /// <summary>Receives the squared distances of pairs i &lt; j.</summary>
    private interface IDistanceSink
    {
        float[] Xi { get; }

        float[] Buffer { get; }

        void Add(Vector256<float> values);

        void Add(float value);
    }

    /// <summary>Feeds the distances of rows r0..r0+31 to every column to their right into the sink.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Visit<TSink>(float[] xtArray, float[] normsArray, int n, int d, int r0, ref TSink sink)
        where TSink : struct, IDistanceSink
    {
        fixed (float* xt = xtArray, norms = normsArray, xi = sink.Xi, buffer = sink.Buffer)
        {
            for (var g = 0; g < RowTile / 4; g++)
            {
                Pack(xt, d, r0 + (4 * g), xi + (g * 4 * d));
            }

            for (var j = (r0 + 1) / 16 * 16; j < n; j += 16)
            {
                for (var g = 0; g < RowTile / 4 && r0 + (4 * g) < n; g++)
                {
                    var i0 = r0 + (4 * g);
                    if (j + 15 <= i0)
                    {
                        continue;
                    }

                    var rows = Math.Min(4, n - i0);
                    Distances4x16(xt, d, xi + (g * 4 * d), norms, i0, j, buffer, 16);
                    if (rows == 4 && j >= i0 + 4 && j + 16 <= n)
                    {
                        for (var r = 0; r < 4; r++)
                        {
                            sink.Add(Avx.LoadVector256(buffer + (r * 16)));
                            sink.Add(Avx.LoadVector256(buffer + (r * 16) + 8));
                        }

                        continue;
                    }

                    for (var r = 0; r < rows; r++)
                    {
                        for (var c = Math.Max(0, i0 + r + 1 - j); c < 16 && j + c < n; c++)
                        {
                            sink.Add(buffer[(r * 16) + c]);
                        }
                    }
                }
            }
        }
    }

    /// <summary>Pass 1: counts per top-16-bit bin.</summary>
    private struct CoarseCounter(int[] counts, int d) : IDistanceSink
    {
        public int[] Counts { get; } = counts;

        public float[] Xi { get; } = new float[RowTile * d];

        public float[] Buffer { get; } = new float[64];

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly void Add(Vector256<float> values)
        {
            var bins = Vector256.ShiftRightLogical(values.AsInt32(), 16);
            var counts = Counts;
            counts[bins.GetElement(0)]++;
            counts[bins.GetElement(1)]++;
            counts[bins.GetElement(2)]++;
            counts[bins.GetElement(3)]++;
            counts[bins.GetElement(4)]++;
            counts[bins.GetElement(5)]++;
            counts[bins.GetElement(6)]++;
            counts[bins.GetElement(7)]++;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly void Add(float value) => Counts[BitConverter.SingleToInt32Bits(value) >>> 16]++;
    }

    /// <summary>Pass 2: counts per low-16-bit value, only in the two bins holding the middle ranks.</summary>
    private struct FineCounter(int lowBin, int highBin, int[] low, int[] high, int d) : IDistanceSink
    {
        private readonly int _low = lowBin;
        private readonly int _high = highBin;
        private readonly Vector256<int> _lowBin = Vector256.Create(lowBin);
        private readonly Vector256<int> _highBin = Vector256.Create(highBin);

        public int[] Low { get; } = low;

        public int[] High { get; } = high;

        public float[] Xi { get; } = new float[RowTile * d];

        public float[] Buffer { get; } = new float[64];

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly void Add(Vector256<float> values)
        {
            var bits = values.AsInt32();
            var bins = Vector256.ShiftRightLogical(bits, 16);
            var mask = (Vector256.Equals(bins, _lowBin) | Vector256.Equals(bins, _highBin)).ExtractMostSignificantBits();
            while (mask != 0)
            {
                var e = System.Numerics.BitOperations.TrailingZeroCount(mask);
                Count(bits.GetElement(e));
                mask &= mask - 1;
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly void Add(float value) => Count(BitConverter.SingleToInt32Bits(value));

        private readonly void Count(int bits)
        {
            var bin = bits >>> 16;
            if (bin == _low)
            {
                Low[bits & 0xFFFF]++;
            }
            else if (bin == _high)
            {
                High[bits & 0xFFFF]++;
            }
        }
    }
}
