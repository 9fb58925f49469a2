using System.Numerics.Tensors;

namespace LatentOps.Monitoring.Drift.Embeddings;

/// <summary>
/// The strict upper triangle of the RBF kernel matrix of pooled rows, in float32, computed once:
/// row i holds k(x_i, x_j) at columns j &gt; i and zeros elsewhere (rows padded to a multiple of
/// <see cref="ColumnPad"/> with zeros), plus the off-diagonal row sums in double.
/// </summary>
internal sealed class RbfKernelMatrix
{
    /// <summary>Rows are padded to a multiple of this (three columns per lookup table, 32-byte alignment).</summary>
    public const int ColumnPad = 24;

    private RbfKernelMatrix(float[] upper, int n, int stride, double bandwidth, double[] rowSums)
    {
        Upper = upper;
        N = n;
        Stride = stride;
        Bandwidth = bandwidth;
        RowSums = rowSums;
    }

    public float[] Upper { get; }

    public int N { get; }

    public int Stride { get; }

    public double Bandwidth { get; }

    /// <summary>sum over j != i of k(x_i, x_j).</summary>
    public double[] RowSums { get; }

    public static RbfKernelMatrix Compute(EmbeddingMatrix a, EmbeddingMatrix b, double? bandwidth, int threads)
    {
        var n = a.Rows + b.Rows;
        var d = a.Dimensions;
        var x = new float[n * d];
        a.Values.CopyTo(x, 0);
        b.Values.CopyTo(x, a.Values.Length);
        var norms = new float[n];
        for (var i = 0; i < n; i++)
        {
            var row = x.AsSpan(i * d, d);
            norms[i] = TensorPrimitives.Dot(row, row);
        }

        var stride = (n + ColumnPad - 1) / ColumnPad * ColumnPad;
        var upper = new float[(long)n * stride];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads };

        // Squared distances |x_i|² + |x_j|² - 2 x_i.x_j for j > i.
        Parallel.For(0, n, parallel, i =>
        {
            var xi = x.AsSpan(i * d, d);
            var row = upper.AsSpan((int)((long)i * stride), stride);
            for (var j = i + 1; j < n; j++)
            {
                var dist = norms[i] + norms[j] - (2 * TensorPrimitives.Dot(xi, x.AsSpan(j * d, d)));
                row[j] = dist > 0 ? dist : 0;
            }
        });

        var sigma = bandwidth ?? MedianBandwidth(upper, n, stride);
        var scale = (float)(-1.0 / (2 * sigma * sigma));
        var sums = new double[n];
        Parallel.For(0, n, parallel, i =>
        {
            var row = upper.AsSpan((int)((long)i * stride) + i + 1, n - i - 1);
            TensorPrimitives.Multiply(row, scale, row);
            TensorPrimitives.Exp(row, row);
        });

        // Row sums of the symmetric matrix without its diagonal: the upper row plus the column above.
        for (var i = 0; i < n; i++)
        {
            var row = upper.AsSpan((int)((long)i * stride) + i + 1, n - i - 1);
            var s = 0.0;
            for (var j = 0; j < row.Length; j++)
            {
                s += row[j];
                sums[i + 1 + j] += row[j];
            }

            sums[i] += s;
        }

        return new RbfKernelMatrix(upper, n, stride, sigma, sums);
    }

    /// <summary>sigma = sqrt(median(squared distances over pairs i &lt; j) / 2).</summary>
    private static double MedianBandwidth(float[] upper, int n, int stride)
    {
        var pairs = new float[(long)n * (n - 1) / 2];
        long k = 0;
        for (var i = 0; i < n; i++)
        {
            var row = upper.AsSpan((int)((long)i * stride) + i + 1, n - i - 1);
            row.CopyTo(pairs.AsSpan((int)k));
            k += row.Length;
        }

        var median = Median(pairs);
        return median > 0 ? Math.Sqrt(median / 2) : 1.0;
    }

    /// <summary>The median (mean of the two middle values for an even count), partially reordering the array.</summary>
    internal static double Median(float[] values)
    {
        var half = values.Length / 2;
        var upperMiddle = Select(values, half);
        if (values.Length % 2 == 1)
        {
            return upperMiddle;
        }

        // After selection every value left of `half` is <= it: the lower middle is their maximum.
        var lowerMiddle = TensorPrimitives.Max(values.AsSpan(0, half));
        return ((double)lowerMiddle + upperMiddle) / 2;
    }

    /// <summary>Hoare quickselect: the k-th smallest value; afterwards values[..k] &lt;= values[k] &lt;= values[k+1..].</summary>
    private static float Select(float[] a, int k)
    {
        int lo = 0, hi = a.Length - 1;
        var random = new Random(12345);
        while (lo < hi)
        {
            var pivot = a[random.Next(lo, hi + 1)];
            int i = lo, j = hi;
            while (i <= j)
            {
                while (a[i] < pivot)
                {
                    i++;
                }

                while (a[j] > pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    (a[i], a[j]) = (a[j], a[i]);
                    i++;
                    j--;
                }
            }

            if (k <= j)
            {
                hi = j;
            }
            else if (k >= i)
            {
                lo = i;
            }
            else
            {
                return a[k];
            }
        }

        return a[k];
    }
}
