using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Numerics.Tensors;

namespace LatentOps.Serving.Inference;

/// <summary>
/// The matrix kernels of the SIMD and int8 runtimes: Y[rows, outs] = X[rows, k] · Wᵀ with W stored
/// [outs, k] (PyTorch's layout), blocked 4 rows x 2 outputs so each weight load feeds 4 rows and
/// each input load 2 outputs. k and outs are padded to multiples of 32 by the caller (zeros).
/// AVX2 + FMA where the CPU has them; a portable path (TensorPrimitives / scalar) elsewhere.
/// </summary>
internal static class DenseKernels
{
    public static bool Avx2Available => Avx2.IsSupported && Fma.IsSupported;

    /// <summary>float32: y[r * outs + j] = dot(x[r * k ..], w[j * k ..]).</summary>
    public static void GemmF32(ReadOnlySpan<float> x, int rows, int k, ReadOnlySpan<float> w, int outs, Span<float> y)
    {
        if (!Avx2Available)
        {
            for (var r = 0; r < rows; r++)
            {
                var xr = x.Slice(r * k, k);
                for (var j = 0; j < outs; j++)
                {
                    y[(r * outs) + j] = TensorPrimitives.Dot(xr, w.Slice(j * k, k));
                }
            }

            return;
        }

        ref var xb = ref MemoryMarshal.GetReference(x);
        ref var wb = ref MemoryMarshal.GetReference(w);
        ref var yb = ref MemoryMarshal.GetReference(y);
        var r0 = 0;
        for (; r0 + 4 <= rows; r0 += 4)
        {
            var x0 = (nuint)(r0 * k);
            var x1 = x0 + (nuint)k;
            var x2 = x1 + (nuint)k;
            var x3 = x2 + (nuint)k;
            for (var j = 0; j < outs; j += 2)
            {
                var w0 = (nuint)(j * k);
                var w1 = w0 + (nuint)k;
                Vector256<float> a00 = default, a01 = default, a10 = default, a11 = default, a20 = default, a21 = default, a30 = default, a31 = default;
                for (nuint i = 0; i < (nuint)k; i += 8)
                {
                    var v0 = Vector256.LoadUnsafe(ref wb, w0 + i);
                    var v1 = Vector256.LoadUnsafe(ref wb, w1 + i);
                    var u = Vector256.LoadUnsafe(ref xb, x0 + i);
                    a00 = Fma.MultiplyAdd(u, v0, a00);
                    a01 = Fma.MultiplyAdd(u, v1, a01);
                    u = Vector256.LoadUnsafe(ref xb, x1 + i);
                    a10 = Fma.MultiplyAdd(u, v0, a10);
                    a11 = Fma.MultiplyAdd(u, v1, a11);
                    u = Vector256.LoadUnsafe(ref xb, x2 + i);
                    a20 = Fma.MultiplyAdd(u, v0, a20);
                    a21 = Fma.MultiplyAdd(u, v1, a21);
                    u = Vector256.LoadUnsafe(ref xb, x3 + i);
                    a30 = Fma.MultiplyAdd(u, v0, a30);
                    a31 = Fma.MultiplyAdd(u, v1, a31);
                }

                var y0 = (r0 * outs) + j;
                Unsafe.Add(ref yb, y0) = Vector256.Sum(a00);
                Unsafe.Add(ref yb, y0 + 1) = Vector256.Sum(a01);
                Unsafe.Add(ref yb, y0 + outs) = Vector256.Sum(a10);
                Unsafe.Add(ref yb, y0 + outs + 1) = Vector256.Sum(a11);
                Unsafe.Add(ref yb, y0 + (2 * outs)) = Vector256.Sum(a20);
                Unsafe.Add(ref yb, y0 + (2 * outs) + 1) = Vector256.Sum(a21);
                Unsafe.Add(ref yb, y0 + (3 * outs)) = Vector256.Sum(a30);
                Unsafe.Add(ref yb, y0 + (3 * outs) + 1) = Vector256.Sum(a31);
            }
        }

        for (; r0 < rows; r0++)
        {
            var x0 = (nuint)(r0 * k);
            for (var j = 0; j < outs; j++)
            {
                var w0 = (nuint)(j * k);
                Vector256<float> a = default;
                for (nuint i = 0; i < (nuint)k; i += 8)
                {
                    a = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref xb, x0 + i), Vector256.LoadUnsafe(ref wb, w0 + i), a);
                }

                Unsafe.Add(ref yb, (r0 * outs) + j) = Vector256.Sum(a);
            }
        }
    }

    /// <summary>
    /// int8: acc[r * outs + j] = Σ x[r, i] · w[j, i] with x unsigned 8-bit (0..255) and w signed 7-bit
    /// (-63..63), exact in int32. AVX2: vpmaddubsw (pairs never saturate: 2·255·63 &lt; 32767, the
    /// reason for 7-bit weights, as FBGEMM's reduce_range) then vpmaddwd.
    /// </summary>
    public static void GemmU8S7(ReadOnlySpan<byte> x, int rows, int k, ReadOnlySpan<sbyte> w, int outs, Span<int> acc)
    {
        if (!Avx2Available)
        {
            for (var r = 0; r < rows; r++)
            {
                for (var j = 0; j < outs; j++)
                {
                    var sum = 0;
                    for (var i = 0; i < k; i++)
                    {
                        sum += x[(r * k) + i] * w[(j * k) + i];
                    }

                    acc[(r * outs) + j] = sum;
                }
            }

            return;
        }

        ref var xb = ref MemoryMarshal.GetReference(x);
        ref var wb = ref MemoryMarshal.GetReference(w);
        ref var yb = ref MemoryMarshal.GetReference(acc);
        var ones = Vector256.Create((short)1);
        var r0 = 0;
        for (; r0 + 4 <= rows; r0 += 4)
        {
            var x0 = (nuint)(r0 * k);
            var x1 = x0 + (nuint)k;
            var x2 = x1 + (nuint)k;
            var x3 = x2 + (nuint)k;
            for (var j = 0; j < outs; j += 2)
            {
                var w0 = (nuint)(j * k);
                var w1 = w0 + (nuint)k;
                Vector256<int> a00 = default, a01 = default, a10 = default, a11 = default, a20 = default, a21 = default, a30 = default, a31 = default;
                for (nuint i = 0; i < (nuint)k; i += 32)
                {
                    var v0 = Vector256.LoadUnsafe(ref wb, w0 + i);
                    var v1 = Vector256.LoadUnsafe(ref wb, w1 + i);
                    var u = Vector256.LoadUnsafe(ref xb, x0 + i);
                    a00 = Avx2.Add(a00, Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(u, v0), ones));
                    a01 = Avx2.Add(a01, Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(u, v1), ones));
                    u = Vector256.LoadUnsafe(ref xb, x1 + i);
                    a10 = Avx2.Add(a10, Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(u, v0), ones));
                    a11 = Avx2.Add(a11, Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(u, v1), ones));
                    u = Vector256.LoadUnsafe(ref xb, x2 + i);
                    a20 = Avx2.Add(a20, Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(u, v0), ones));
                    a21 = Avx2.Add(a21, Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(u, v1), ones));
                    u = Vector256.LoadUnsafe(ref xb, x3 + i);
                    a30 = Avx2.Add(a30, Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(u, v0), ones));
                    a31 = Avx2.Add(a31, Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(u, v1), ones));
                }

                var y0 = (r0 * outs) + j;
                Unsafe.Add(ref yb, y0) = Vector256.Sum(a00);
                Unsafe.Add(ref yb, y0 + 1) = Vector256.Sum(a01);
                Unsafe.Add(ref yb, y0 + outs) = Vector256.Sum(a10);
                Unsafe.Add(ref yb, y0 + outs + 1) = Vector256.Sum(a11);
                Unsafe.Add(ref yb, y0 + (2 * outs)) = Vector256.Sum(a20);
                Unsafe.Add(ref yb, y0 + (2 * outs) + 1) = Vector256.Sum(a21);
                Unsafe.Add(ref yb, y0 + (3 * outs)) = Vector256.Sum(a30);
                Unsafe.Add(ref yb, y0 + (3 * outs) + 1) = Vector256.Sum(a31);
            }
        }

        for (; r0 < rows; r0++)
        {
            var x0 = (nuint)(r0 * k);
            for (var j = 0; j < outs; j++)
            {
                var w0 = (nuint)(j * k);
                Vector256<int> a = default;
                for (nuint i = 0; i < (nuint)k; i += 32)
                {
                    a = Avx2.Add(a, Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(Vector256.LoadUnsafe(ref xb, x0 + i), Vector256.LoadUnsafe(ref wb, w0 + i)), ones));
                }

                Unsafe.Add(ref yb, (r0 * outs) + j) = Vector256.Sum(a);
            }
        }
    }

    /// <summary>
    /// Quantizes one row to unsigned 8 bit: non-negative rows (after ReLU) map [0, max] to 0..255 with
    /// zero point 0; rows with negative values map [-maxabs, maxabs] to 1..255 with zero point 128.
    /// Returns the scale and the zero point. <paramref name="source"/>.Length is a multiple of 32.
    /// </summary>
    public static (float Scale, int ZeroPoint) QuantizeRow(ReadOnlySpan<float> source, Span<byte> target)
    {
        var min = TensorPrimitives.Min(source);
        var max = TensorPrimitives.Max(source);
        float scale;
        int zero;
        if (min >= 0)
        {
            scale = max > 0 ? max / 255f : 1f;
            zero = 0;
        }
        else
        {
            scale = Math.Max(-min, max) / 127f;
            zero = 128;
        }

        var inverse = 1f / scale;
        if (Avx2Available)
        {
            ref var sb = ref MemoryMarshal.GetReference(source);
            ref var tb = ref MemoryMarshal.GetReference(target);
            var inv = Vector256.Create(inverse);
            var offset = Vector256.Create(zero);
            for (nuint i = 0; i < (nuint)source.Length; i += 32)
            {
                var i0 = Avx2.Add(Avx.ConvertToVector256Int32(Avx.Multiply(Vector256.LoadUnsafe(ref sb, i), inv)), offset).AsUInt32();
                var i1 = Avx2.Add(Avx.ConvertToVector256Int32(Avx.Multiply(Vector256.LoadUnsafe(ref sb, i + 8), inv)), offset).AsUInt32();
                var i2 = Avx2.Add(Avx.ConvertToVector256Int32(Avx.Multiply(Vector256.LoadUnsafe(ref sb, i + 16), inv)), offset).AsUInt32();
                var i3 = Avx2.Add(Avx.ConvertToVector256Int32(Avx.Multiply(Vector256.LoadUnsafe(ref sb, i + 24), inv)), offset).AsUInt32();
                Vector256.Narrow(Vector256.Narrow(i0, i1), Vector256.Narrow(i2, i3)).StoreUnsafe(ref tb, i);
            }
        }
        else
        {
            for (var i = 0; i < source.Length; i++)
            {
                target[i] = (byte)Math.Clamp((int)MathF.Round(source[i] * inverse) + zero, 0, 255);
            }
        }

        return (scale, zero);
    }
}
