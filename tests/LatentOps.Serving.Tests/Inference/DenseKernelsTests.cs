using LatentOps.Serving.Inference;

namespace LatentOps.Serving.Tests.Inference;

/// <summary>The AVX2 kernels against the scalar path on the same packed layouts (and plain sums), with odd row counts so the 1-row tiles run too.</summary>
public sealed class DenseKernelsTests
{
    [Theory]
    [InlineData(1, 32, 16)]
    [InlineData(7, 64, 48)]
    [InlineData(13, 96, 32)]
    public void GemmF32_RandomShapes_MatchesPlainDotProducts(int rows, int k, int outs)
    {
        var random = new Random(rows * k);
        var x = Enumerable.Range(0, rows * k).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
        var w = Enumerable.Range(0, outs * k).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
        var y = new float[rows * outs];
        var scalar = new float[rows * outs];

        var packed = DenseKernels.PackF32(w, outs, k, outs, k);
        DenseKernels.GemmF32(x, rows, k, packed, outs, y);
        DenseKernels.ScalarF32(x, rows, k, packed, outs, scalar);

        for (var r = 0; r < rows; r++)
        {
            for (var j = 0; j < outs; j++)
            {
                var expected = 0.0;
                for (var i = 0; i < k; i++)
                {
                    expected += x[(r * k) + i] * w[(j * k) + i];
                }

                Assert.Equal(expected, y[(r * outs) + j], 1e-4);
                Assert.Equal(expected, scalar[(r * outs) + j], 1e-4);
            }
        }
    }

    [Theory]
    [InlineData(1, 32, 16)]
    [InlineData(6, 256, 32)]
    [InlineData(9, 512, 16)]
    public void GemmS16_ExtremeValues_IsExactInInt32(int rows, int k, int outs)
    {
        var random = new Random(k + rows);
        var limit = DenseKernels.ActivationLimit(k);
        var x = Enumerable.Range(0, rows * k).Select(i => (short)(i % 5 == 0 ? limit : random.Next(-limit, limit + 1))).ToArray();
        var q = Enumerable.Range(0, outs * k).Select(i => (sbyte)(i % 3 == 0 ? 127 : random.Next(-127, 128))).ToArray();
        var acc = new int[rows * outs];
        var scalar = new int[rows * outs];

        var packed = DenseKernels.PackS16(q, outs, k, outs, k);
        DenseKernels.GemmS16(x, rows, k, packed, outs, acc);
        DenseKernels.ScalarS16(x, rows, k, packed, outs, scalar);

        Assert.Equal(scalar, acc);
        Assert.Equal(Dot(x, rows - 1, q, outs - 1, k), acc[^1]);
    }

    [Theory]
    [InlineData(1, 32, 16)]
    [InlineData(5, 256, 48)]
    public void GemmU8S7_ExtremeValues_NeverSaturates(int rows, int k, int outs)
    {
        var random = new Random(k * 3 + rows);
        var x = Enumerable.Range(0, rows * k).Select(i => (byte)(i % 4 == 0 ? 255 : random.Next(0, 256))).ToArray();
        var q = Enumerable.Range(0, outs * k).Select(i => (sbyte)(i % 2 == 0 ? 63 : random.Next(-63, 64))).ToArray();
        var acc = new int[rows * outs];
        var scalar = new int[rows * outs];

        var packed = DenseKernels.PackS8(q, outs, k, outs, k);
        DenseKernels.GemmU8S7(x, rows, k, packed, outs, acc);
        DenseKernels.ScalarU8S7(x, rows, k, packed, outs, scalar);

        Assert.Equal(scalar, acc);
        Assert.Equal(Dot(x.Select(v => (short)v).ToArray(), rows - 1, q, outs - 1, k), acc[^1]);
    }

    [Fact]
    public void QuantizeRowS16_RoundsHalfToEvenAndKeepsTheLimit()
    {
        // max |x| = 4 maps to 32767; 0.5 / 4 · 32767 = 4095.875 -> 4096.
        var source = new float[32];
        source[0] = 4f;
        source[1] = -4f;
        source[2] = 0.5f;
        var target = new short[32];

        var scale = DenseKernels.QuantizeRowS16(source, target, 32767);

        Assert.Equal(4f / 32767, scale, 1e-9f);
        Assert.Equal(32767, target[0]);
        Assert.Equal(-32767, target[1]);
        Assert.Equal(4096, target[2]);
        Assert.Equal(0, target[3]);
    }

    [Fact]
    public void Dequantize_WithZeroPoint_MatchesScalarFormula()
    {
        var acc = Enumerable.Range(0, 19).Select(i => (i * 1000) - 7000).ToArray();
        var sums = Enumerable.Range(0, 19).Select(i => i - 9).ToArray();
        var scales = Enumerable.Range(0, 19).Select(i => 0.01f * (i + 1)).ToArray();
        var bias = Enumerable.Range(0, 19).Select(i => (float)i).ToArray();
        var y = new float[19];

        DenseKernels.Dequantize(acc, 0.5f, 128, sums, scales, bias, y);

        for (var j = 0; j < 19; j++)
        {
            Assert.Equal((0.5f * scales[j] * (acc[j] - (128 * sums[j]))) + bias[j], y[j], 1e-3f);
        }
    }

    private static int Dot(short[] x, int row, sbyte[] q, int output, int k)
    {
        var sum = 0;
        for (var i = 0; i < k; i++)
        {
            sum += x[(row * k) + i] * q[(output * k) + i];
        }

        return sum;
    }
}
