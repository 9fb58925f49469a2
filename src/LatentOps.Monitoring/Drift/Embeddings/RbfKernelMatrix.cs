using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LatentOps.Monitoring.Drift.Embeddings;

/// <summary>
/// The strict upper triangle of the RBF kernel matrix of pooled rows, in float32, computed once and
/// stored packed: row i keeps columns from <see cref="RowStart"/>(i) (column i + 1 rounded down to a
/// multiple of <see cref="ColumnPad"/>) to <see cref="Stride"/>, with zeros at columns &lt;= i and &gt;= N;
/// plus the off-diagonal row sums in double. Half the memory of a full matrix (first touches of fresh
/// pages are costly on virtual machines). The portable path of <see cref="MmdDriftDetector"/>; AVX2 CPUs use
/// <see cref="FusedMmdKernel"/>, which never stores the matrix.
/// </summary>
internal sealed class RbfKernelMatrix
{
    /// <summary>Rows are padded to a multiple of this (whole 32-byte vectors).</summary>
    public const int ColumnPad = 24;

    private const int HistogramBins = 1 << 16;

    /// <summary>When set, receives the wall time of each stage of <see cref="Compute"/> (for bench/LatentOps.Benchmarks' mmd-stages).</summary>
    internal static Action<string, TimeSpan>? StageTimer { get; set; }

    private RbfKernelMatrix(float[] upper, long[] offsets, int n, int stride, double bandwidth, double[] rowSums)
    {
        Upper = upper;
        Offsets = offsets;
        N = n;
        Stride = stride;
        Bandwidth = bandwidth;
        RowSums = rowSums;
    }

    public float[] Upper { get; }

    /// <summary>Where row i starts in <see cref="Upper"/>; the value there is column <see cref="RowStart"/>(i).</summary>
    public long[] Offsets { get; }

    /// <summary>The first stored column of row i.</summary>
    public static int RowStart(int i) => (i + 1) / ColumnPad * ColumnPad;

    /// <summary>Columns i + 1 .. N - 1 of row i.</summary>
    public Span<float> Tail(int i) => Upper.AsSpan((int)(Offsets[i] + (i + 1 - RowStart(i))), N - i - 1);

    /// <summary>Index in <see cref="Upper"/> of (row i, column j) for j &gt;= RowStart(i).</summary>
    public long IndexOf(int i, int j) => Offsets[i] + (j - RowStart(i));

    public int N { get; }

    public int Stride { get; }

    public double Bandwidth { get; }

    /// <summary>sum over j != i of k(x_i, x_j).</summary>
    public double[] RowSums { get; }

    public static RbfKernelMatrix Compute(EmbeddingMatrix a, EmbeddingMatrix b, double? bandwidth, int threads)
    {
        var n = a.Rows + b.Rows;
        var d = a.Dimensions;
        var stride = (n + ColumnPad - 1) / ColumnPad * ColumnPad;
        var offsets = new long[n + 1];
        for (var i = 0; i < n; i++)
        {
            offsets[i + 1] = offsets[i] + (stride - RowStart(i));
        }

        var watch = System.Diagnostics.Stopwatch.StartNew();
        void Stage(string name)
        {
            StageTimer?.Invoke(name, watch.Elapsed);
            watch.Restart();
        }

        var upper = new float[offsets[n]];
        Stage("allocate");
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads };

        // Pass 1: squared distances for j > i (zeros elsewhere), and the largest one for the median histogram.
        var xt = Transpose(a, b, stride);
        var norms = new float[stride];
        for (var i = 0; i < n; i++)
        {
            var row = i < a.Rows ? a.Row(i) : b.Row(i - a.Rows);
            norms[i] = TensorPrimitives.Dot(row, row);
        }
        var groups = (n + 3) / 4;
        Parallel.For(0, groups, parallel, g => SquaredDistances(xt, norms, d, n, stride, upper, offsets, g * 4));
        Stage("distances");
        var sigma = bandwidth ?? MedianBandwidth(upper, offsets, n, parallel);
        Stage("median");
        var scale = (float)(-1.0 / (2 * sigma * sigma));
        // Pass 3: kernel values in place, row sums of the upper part and column sums (= the lower part).
        var rowSums = new double[n];
        var columnSums = new double[n];
        var gate = new object();
        Parallel.For(0, n, parallel, () => new double[n], (i, _, columns) =>
        {
            rowSums[i] = ExpRow(Tail(upper, offsets, n, i), scale, columns.AsSpan(i + 1));
            return columns;
        }, columns =>
        {
            lock (gate)
            {
                TensorPrimitives.Add(columnSums, columns, columnSums);
            }
        });

        TensorPrimitives.Add(rowSums, columnSums, rowSums);
        Stage("exp and row sums");
        return new RbfKernelMatrix(upper, offsets, n, stride, sigma, rowSums);
    }

    /// <summary>The pooled rows transposed: d rows of <paramref name="stride"/> columns, zero-padded.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float[] Transpose(EmbeddingMatrix a, EmbeddingMatrix b, int stride)
    {
        var d = a.Dimensions;
        var xt = new float[d * stride];
        for (var i = 0; i < a.Rows + b.Rows; i++)
        {
            var row = i < a.Rows ? a.Row(i) : b.Row(i - a.Rows);
            for (var k = 0; k < d; k++)
            {
                xt[(k * stride) + i] = row[k];
            }
        }

        return xt;
    }

    /// <summary>Rows i0..i0+3: |x_i|² + |x_j|² - 2 x_i.x_j for j &gt; i, 4 rows x 16 columns per step.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SquaredDistances(float[] xt, float[] norms, int d, int n, int stride, float[] upper, long[] offsets, int i0)
    {
        var rows = Math.Min(4, n - i0);
        var jStart = (i0 + 1) / 16 * 16;
        var xi = new float[4 * d];
        for (var r = 0; r < rows; r++)
        {
            for (var k = 0; k < d; k++)
            {
                xi[(r * d) + k] = xt[(k * stride) + i0 + r];
            }
        }

        var buffer = new float[4 * 16];
        for (var j = jStart; j < n; j += 16)
        {
            var width = Math.Min(16, stride - j);
            if (Avx.IsSupported && Fma.IsSupported && width == 16)
            {
                Vector256<float> a00 = default, a01 = default, a10 = default, a11 = default, a20 = default, a21 = default, a30 = default, a31 = default;
                for (var k = 0; k < d; k++)
                {
                    var v0 = Vector256.Create<float>(xt.AsSpan((k * stride) + j, 8));
                    var v1 = Vector256.Create<float>(xt.AsSpan((k * stride) + j + 8, 8));
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
                }

                a00.CopyTo(buffer, 0);
                a01.CopyTo(buffer, 8);
                a10.CopyTo(buffer, 16);
                a11.CopyTo(buffer, 24);
                a20.CopyTo(buffer, 32);
                a21.CopyTo(buffer, 40);
                a30.CopyTo(buffer, 48);
                a31.CopyTo(buffer, 56);
            }
            else
            {
                Array.Clear(buffer);
                for (var r = 0; r < rows; r++)
                {
                    for (var c = 0; c < width; c++)
                    {
                        var s = 0f;
                        for (var k = 0; k < d; k++)
                        {
                            s += xi[(r * d) + k] * xt[(k * stride) + j + c];
                        }

                        buffer[(r * 16) + c] = s;
                    }
                }
            }

            for (var r = 0; r < rows; r++)
            {
                var i = i0 + r;
                var start = RowStart(i);
                var target = upper.AsSpan((int)(offsets[i] - start));
                var ni = norms[i];
                for (var c = Math.Max(0, i + 1 - j); c < width && j + c < n; c++)
                {
                    var col = j + c;
                    target[col] = Math.Max(ni + norms[col] - (2 * buffer[(r * 16) + c]), 0f);
                }
            }
        }
    }

    private static Span<float> Tail(float[] upper, long[] offsets, int n, int i) =>
        upper.AsSpan((int)(offsets[i] + (i + 1 - RowStart(i))), n - i - 1);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double ExpRow(Span<float> row, float scale, Span<double> columns)
    {
        var sum = KernelExp.ScaleExpSum(row, scale);
        AddWidened(row, columns[..row.Length]);
        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddWidened(ReadOnlySpan<float> source, Span<double> target)
    {
        var i = 0;
        if (Avx.IsSupported)
        {
            for (; i + 4 <= source.Length; i += 4)
            {
                var wide = Avx.ConvertToVector256Double(Vector128.Create<float>(source.Slice(i, 4)));
                (Vector256.Create<double>(target.Slice(i, 4)) + wide).CopyTo(target.Slice(i, 4));
            }
        }

        for (; i < source.Length; i++)
        {
            target[i] += source[i];
        }
    }

    /// <summary>
    /// sigma = sqrt(median(squared distances over pairs i &lt; j) / 2), exact: a histogram finds the bins
    /// holding the two middle ranks, then only the values in those bins are sorted.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double MedianBandwidth(float[] upper, long[] offsets, int n, ParallelOptions parallel)
    {
        var max = 0f;
        var gate = new object();
        Parallel.For(0, n, parallel, () => 0f, (i, _, m) => Math.Max(m, n - i - 1 > 0 ? TensorPrimitives.Max(Tail(upper, offsets, n, i)) : 0f), m =>
        {
            lock (gate)
            {
                max = Math.Max(max, m);
            }
        });

        if (max <= 0)
        {
            return 1.0;
        }

        var scale = (HistogramBins - 1) / (double)max;
        var histogram = new long[HistogramBins];
        Parallel.For(0, n, parallel, () => new long[HistogramBins], (i, _, h) => Count(Tail(upper, offsets, n, i), scale, h), h =>
        {
            lock (gate)
            {
                for (var k = 0; k < HistogramBins; k++)
                {
                    histogram[k] += h[k];
                }
            }
        });

        var count = (long)n * (n - 1) / 2;
        var high = count / 2;                        // 0-based rank of the upper middle
        var low = count % 2 == 1 ? high : high - 1;  // and of the lower middle
        long seen = 0;
        int lowBin = -1, highBin = -1;
        long lowBinStart = 0;
        for (var k = 0; k < HistogramBins; k++)
        {
            if (lowBin < 0 && seen + histogram[k] > low)
            {
                lowBin = k;
                lowBinStart = seen;
            }

            if (seen + histogram[k] > high)
            {
                highBin = k;
                break;
            }

            seen += histogram[k];
        }

        var candidates = new List<float>();
        for (var i = 0; i < n; i++)
        {
            Collect(Tail(upper, offsets, n, i), scale, lowBin, highBin, candidates);
        }

        candidates.Sort();
        var median = ((double)candidates[(int)(low - lowBinStart)] + candidates[(int)(high - lowBinStart)]) / 2;
        return median > 0 ? Math.Sqrt(median / 2) : 1.0;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static long[] Count(ReadOnlySpan<float> values, double scale, long[] histogram)
    {
        var s = (float)scale;
        foreach (var v in values)
        {
            histogram[Math.Min((int)(v * s), HistogramBins - 1)]++;
        }

        return histogram;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Collect(ReadOnlySpan<float> values, double scale, int lowBin, int highBin, List<float> candidates)
    {
        var s = (float)scale;
        foreach (var v in values)
        {
            var bin = Math.Min((int)(v * s), HistogramBins - 1);
            if (bin >= lowBin && bin <= highBin)
            {
                candidates.Add(v);
            }
        }
    }

    /// <summary>The median (mean of the two middle values for an even count) of a small array; for tests.</summary>
    internal static double Median(float[] values)
    {
        var sorted = values.Order().ToArray();
        var half = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[half] : ((double)sorted[half - 1] + sorted[half]) / 2;
    }
}
