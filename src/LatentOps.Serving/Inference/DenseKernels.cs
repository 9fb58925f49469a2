using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Numerics.Tensors;

namespace LatentOps.Serving.Inference;

/// <summary>
/// The matrix kernels of the SIMD and int8 runtimes: Y[rows, outs] = X[rows, k] · Wᵀ with W given
/// [outs, k] (PyTorch's layout) and packed once, at load time, into panels of 16 outputs so the inner
/// loop broadcasts one input (or one pair / quad of inputs) and multiplies it by 16 outputs' weights
/// held in two registers (the register-tile scheme of BLIS/OpenBLAS micro-kernels and of FBGEMM's
/// AVX2 int8 path). Tiles are 4 rows x 16 outputs (8 accumulators); leftover rows use 1 x 16.
/// No horizontal sums: each accumulator lane is one output. k is a multiple of 4 and outs a
/// multiple of 16 (the caller pads with zeros). AVX2 (+ FMA) where the CPU has it; a scalar path
/// on the same packed layouts elsewhere (also what the tests compare the AVX2 path against).
/// </summary>
internal static class DenseKernels
{
    /// <summary>Outputs per packed panel.</summary>
    public const int Panel = 16;

    /// <summary>Rows per cache block (a multiple of 4).</summary>
    private const int RowBlock = 32;

    public static bool Avx2Available => Avx2.IsSupported && Fma.IsSupported;

    // ---------------------------------------------------------------- packing

    /// <summary>float32 panels: [outs/16][k][16].</summary>
    public static float[] PackF32(ReadOnlySpan<float> w, int outs, int k, int outsPadded, int kPadded)
    {
        var packed = new float[outsPadded * kPadded];
        for (var j = 0; j < outs; j++)
        {
            var panel = j / Panel * Panel * kPadded;
            for (var i = 0; i < k; i++)
            {
                packed[panel + (i * Panel) + (j % Panel)] = w[(j * k) + i];
            }
        }

        return packed;
    }

    /// <summary>Signed 16-bit panels of pairs: [outs/16][k/2][16][2] (vpmaddwd operands).</summary>
    public static short[] PackS16(ReadOnlySpan<sbyte> q, int outs, int k, int outsPadded, int kPadded)
    {
        var packed = new short[outsPadded * kPadded];
        for (var j = 0; j < outs; j++)
        {
            var panel = j / Panel * Panel * kPadded;
            for (var i = 0; i < k; i++)
            {
                packed[panel + (i / 2 * 2 * Panel) + (j % Panel * 2) + (i % 2)] = q[(j * k) + i];
            }
        }

        return packed;
    }

    /// <summary>Signed 8-bit panels of quads: [outs/16][k/4][16][4] (vpmaddubsw operands).</summary>
    public static sbyte[] PackS8(ReadOnlySpan<sbyte> q, int outs, int k, int outsPadded, int kPadded)
    {
        var packed = new sbyte[outsPadded * kPadded];
        for (var j = 0; j < outs; j++)
        {
            var panel = j / Panel * Panel * kPadded;
            for (var i = 0; i < k; i++)
            {
                packed[panel + (i / 4 * 4 * Panel) + (j % Panel * 4) + (i % 4)] = q[(j * k) + i];
            }
        }

        return packed;
    }

    // ---------------------------------------------------------------- float32

    /// <summary>y[r * outs + j] = Σ_i x[r * k + i] · w[j, i] on <see cref="PackF32"/> panels.</summary>
    public static void GemmF32(ReadOnlySpan<float> x, int rows, int k, ReadOnlySpan<float> packed, int outs, Span<float> y)
    {
        Check(x.Length, rows, k, packed.Length, outs, y.Length, 4);
        if (!Avx2Available)
        {
            ScalarF32(x, rows, k, packed, outs, y);
            return;
        }

        ref var xb = ref MemoryMarshal.GetReference(x);
        ref var wb = ref MemoryMarshal.GetReference(packed);
        ref var yb = ref MemoryMarshal.GetReference(y);
        // Blocks of RowBlock rows (their inputs stay near, in L1/L2) x one 16-output panel at a time
        // (its weights stay in L1 while every 4-row tile of the block uses them). A 6 x 16 tile
        // (12 accumulators) measured half as fast as 4 x 16 here (AMD Zen 3), so 4 x 16 it is.
        var full = rows / 4 * 4;
        for (var block = 0; block < full; block += RowBlock)
        {
            var end = Math.Min(full, block + RowBlock);
            for (var p = 0; p < outs; p += Panel)
            {
                for (var t = block; t < end; t += 4)
                {
                    F32Tile4(ref Unsafe.Add(ref xb, t * k), k, ref Unsafe.Add(ref wb, p * k), ref Unsafe.Add(ref yb, (t * outs) + p), outs);
                }
            }
        }

        for (var r = full; r < rows; r++)
        {
            for (var p = 0; p < outs; p += Panel)
            {
                F32Tile1(ref Unsafe.Add(ref xb, r * k), k, ref Unsafe.Add(ref wb, p * k), ref Unsafe.Add(ref yb, (r * outs) + p));
            }
        }
    }

    internal static void ScalarF32(ReadOnlySpan<float> x, int rows, int k, ReadOnlySpan<float> packed, int outs, Span<float> y)
    {
        for (var r = 0; r < rows; r++)
        {
            for (var j = 0; j < outs; j++)
            {
                var panel = j / Panel * Panel * k;
                var sum = 0f;
                for (var i = 0; i < k; i++)
                {
                    sum += x[(r * k) + i] * packed[panel + (i * Panel) + (j % Panel)];
                }

                y[(r * outs) + j] = sum;
            }
        }
    }

    private static void F32Tile4(ref float x, int k, ref float w, ref float y, int outs)
    {
        Vector256<float> a00 = default, a01 = default, a10 = default, a11 = default, a20 = default, a21 = default, a30 = default, a31 = default;
        ref var x1 = ref Unsafe.Add(ref x, k);
        ref var x2 = ref Unsafe.Add(ref x1, k);
        ref var x3 = ref Unsafe.Add(ref x2, k);
        nuint o = 0;
        for (nuint i = 0; i < (nuint)k; i++, o += Panel)
        {
            var w0 = Vector256.LoadUnsafe(ref w, o);
            var w1 = Vector256.LoadUnsafe(ref w, o + 8);
            var b = Vector256.Create(Unsafe.Add(ref x, i));
            a00 = Fma.MultiplyAdd(b, w0, a00);
            a01 = Fma.MultiplyAdd(b, w1, a01);
            b = Vector256.Create(Unsafe.Add(ref x1, i));
            a10 = Fma.MultiplyAdd(b, w0, a10);
            a11 = Fma.MultiplyAdd(b, w1, a11);
            b = Vector256.Create(Unsafe.Add(ref x2, i));
            a20 = Fma.MultiplyAdd(b, w0, a20);
            a21 = Fma.MultiplyAdd(b, w1, a21);
            b = Vector256.Create(Unsafe.Add(ref x3, i));
            a30 = Fma.MultiplyAdd(b, w0, a30);
            a31 = Fma.MultiplyAdd(b, w1, a31);
        }

        Store4(ref y, outs, a00, a01, a10, a11, a20, a21, a30, a31);
    }

    private static void Store4<T>(ref T y, int outs, Vector256<T> a00, Vector256<T> a01, Vector256<T> a10, Vector256<T> a11, Vector256<T> a20, Vector256<T> a21, Vector256<T> a30, Vector256<T> a31)
    {
        var o = (nuint)outs;
        a00.StoreUnsafe(ref y);
        a01.StoreUnsafe(ref y, 8);
        a10.StoreUnsafe(ref y, o);
        a11.StoreUnsafe(ref y, o + 8);
        a20.StoreUnsafe(ref y, 2 * o);
        a21.StoreUnsafe(ref y, (2 * o) + 8);
        a30.StoreUnsafe(ref y, 3 * o);
        a31.StoreUnsafe(ref y, (3 * o) + 8);
    }

    /// <summary>One row: k unrolled by 4 into separate accumulators so FMA latency does not serialise.</summary>
    private static void F32Tile1(ref float x, int k, ref float w, ref float y)
    {
        Vector256<float> a0 = default, a1 = default, b0 = default, b1 = default, c0 = default, c1 = default, d0 = default, d1 = default;
        for (nuint i = 0; i < (nuint)k; i += 4)
        {
            var v = Vector256.Create(Unsafe.Add(ref x, i));
            a0 = Fma.MultiplyAdd(v, Vector256.LoadUnsafe(ref w, i * Panel), a0);
            a1 = Fma.MultiplyAdd(v, Vector256.LoadUnsafe(ref w, (i * Panel) + 8), a1);
            v = Vector256.Create(Unsafe.Add(ref x, i + 1));
            b0 = Fma.MultiplyAdd(v, Vector256.LoadUnsafe(ref w, (i * Panel) + 16), b0);
            b1 = Fma.MultiplyAdd(v, Vector256.LoadUnsafe(ref w, (i * Panel) + 24), b1);
            v = Vector256.Create(Unsafe.Add(ref x, i + 2));
            c0 = Fma.MultiplyAdd(v, Vector256.LoadUnsafe(ref w, (i * Panel) + 32), c0);
            c1 = Fma.MultiplyAdd(v, Vector256.LoadUnsafe(ref w, (i * Panel) + 40), c1);
            v = Vector256.Create(Unsafe.Add(ref x, i + 3));
            d0 = Fma.MultiplyAdd(v, Vector256.LoadUnsafe(ref w, (i * Panel) + 48), d0);
            d1 = Fma.MultiplyAdd(v, Vector256.LoadUnsafe(ref w, (i * Panel) + 56), d1);
        }

        ((a0 + b0) + (c0 + d0)).StoreUnsafe(ref y);
        ((a1 + b1) + (c1 + d1)).StoreUnsafe(ref y, 8);
    }

    // ---------------------------------------------------------------- int16 x int8 (vpmaddwd)

    /// <summary>
    /// acc[r * outs + j] = Σ_i x[r * k + i] · w[j, i], exact in int32, with x signed 16-bit and w the
    /// int8 weights widened to 16 bit in <see cref="PackS16"/> panels. AVX2: broadcast a pair of
    /// inputs, vpmaddwd with 16 outputs' pairs, vpaddd into int32 accumulators. The caller bounds |x|
    /// so that k · max|x| · 127 &lt; 2³¹ (<see cref="ActivationLimit"/>).
    /// </summary>
    public static void GemmS16(ReadOnlySpan<short> x, int rows, int k, ReadOnlySpan<short> packed, int outs, Span<int> acc)
    {
        Check(x.Length, rows, k, packed.Length, outs, acc.Length, 4);
        if (!Avx2Available)
        {
            ScalarS16(x, rows, k, packed, outs, acc);
            return;
        }

        ref var xb = ref MemoryMarshal.GetReference(x);
        ref var wb = ref MemoryMarshal.GetReference(packed);
        ref var yb = ref MemoryMarshal.GetReference(acc);
        // Blocks of RowBlock rows (their inputs stay in L1) x one 16-output panel at a time (its
        // weights stay in L1 while every 4-row tile of the block uses them).
        var full = rows / 4 * 4;
        for (var block = 0; block < full; block += RowBlock)
        {
            var end = Math.Min(full, block + RowBlock);
            for (var p = 0; p < outs; p += Panel)
            {
                for (var t = block; t < end; t += 4)
                {
                    S16Tile4(ref Unsafe.As<short, int>(ref Unsafe.Add(ref xb, t * k)), k / 2, ref Unsafe.Add(ref wb, p * k), ref Unsafe.Add(ref yb, (t * outs) + p), outs);
                }
            }
        }

        for (var r = full; r < rows; r++)
        {
            for (var p = 0; p < outs; p += Panel)
            {
                S16Tile1(ref Unsafe.As<short, int>(ref Unsafe.Add(ref xb, r * k)), k / 2, ref Unsafe.Add(ref wb, p * k), ref Unsafe.Add(ref yb, (r * outs) + p));
            }
        }
    }

    internal static void ScalarS16(ReadOnlySpan<short> x, int rows, int k, ReadOnlySpan<short> packed, int outs, Span<int> acc)
    {
        for (var r = 0; r < rows; r++)
        {
            for (var j = 0; j < outs; j++)
            {
                var panel = j / Panel * Panel * k;
                var sum = 0;
                for (var i = 0; i < k; i++)
                {
                    sum += x[(r * k) + i] * packed[panel + (i / 2 * 2 * Panel) + (j % Panel * 2) + (i % 2)];
                }

                acc[(r * outs) + j] = sum;
            }
        }
    }

    private static void S16Tile4(ref int x, int pairs, ref short w, ref int y, int outs)
    {
        Vector256<int> a00 = default, a01 = default, a10 = default, a11 = default, a20 = default, a21 = default, a30 = default, a31 = default;
        ref var x1 = ref Unsafe.Add(ref x, pairs);
        ref var x2 = ref Unsafe.Add(ref x1, pairs);
        ref var x3 = ref Unsafe.Add(ref x2, pairs);
        nuint o = 0;
        for (nuint i = 0; i < (nuint)pairs; i++, o += 2 * Panel)
        {
            var w0 = Vector256.LoadUnsafe(ref w, o);
            var w1 = Vector256.LoadUnsafe(ref w, o + 16);
            var b = Vector256.Create(Unsafe.Add(ref x, i)).AsInt16();
            a00 = Avx2.Add(a00, Avx2.MultiplyAddAdjacent(b, w0));
            a01 = Avx2.Add(a01, Avx2.MultiplyAddAdjacent(b, w1));
            b = Vector256.Create(Unsafe.Add(ref x1, i)).AsInt16();
            a10 = Avx2.Add(a10, Avx2.MultiplyAddAdjacent(b, w0));
            a11 = Avx2.Add(a11, Avx2.MultiplyAddAdjacent(b, w1));
            b = Vector256.Create(Unsafe.Add(ref x2, i)).AsInt16();
            a20 = Avx2.Add(a20, Avx2.MultiplyAddAdjacent(b, w0));
            a21 = Avx2.Add(a21, Avx2.MultiplyAddAdjacent(b, w1));
            b = Vector256.Create(Unsafe.Add(ref x3, i)).AsInt16();
            a30 = Avx2.Add(a30, Avx2.MultiplyAddAdjacent(b, w0));
            a31 = Avx2.Add(a31, Avx2.MultiplyAddAdjacent(b, w1));
        }

        Store4(ref y, outs, a00, a01, a10, a11, a20, a21, a30, a31);
    }

    private static void S16Tile1(ref int x, int pairs, ref short w, ref int y)
    {
        Vector256<int> a0 = default, a1 = default, b0 = default, b1 = default;
        for (nuint i = 0; i < (nuint)pairs; i += 2)
        {
            var v = Vector256.Create(Unsafe.Add(ref x, i)).AsInt16();
            a0 = Avx2.Add(a0, Avx2.MultiplyAddAdjacent(v, Vector256.LoadUnsafe(ref w, i * 32)));
            a1 = Avx2.Add(a1, Avx2.MultiplyAddAdjacent(v, Vector256.LoadUnsafe(ref w, (i * 32) + 16)));
            v = Vector256.Create(Unsafe.Add(ref x, i + 1)).AsInt16();
            b0 = Avx2.Add(b0, Avx2.MultiplyAddAdjacent(v, Vector256.LoadUnsafe(ref w, (i * 32) + 32)));
            b1 = Avx2.Add(b1, Avx2.MultiplyAddAdjacent(v, Vector256.LoadUnsafe(ref w, (i * 32) + 48)));
        }

        (a0 + b0).StoreUnsafe(ref y);
        (a1 + b1).StoreUnsafe(ref y, 8);
    }

    // ---------------------------------------------------------------- uint8 x int7 (vpmaddubsw)

    /// <summary>
    /// acc[r * outs + j] = Σ_i x[r * k + i] · w[j, i] with x unsigned 8-bit and w signed 7-bit
    /// (-63..63) in <see cref="PackS8"/> panels, exact in int32. AVX2: broadcast a quad of inputs,
    /// vpmaddubsw (pairs never saturate: 2·255·63 &lt; 32767, FBGEMM's reduce_range), vpmaddwd with
    /// ones, vpaddd.
    /// </summary>
    public static void GemmU8S7(ReadOnlySpan<byte> x, int rows, int k, ReadOnlySpan<sbyte> packed, int outs, Span<int> acc)
    {
        Check(x.Length, rows, k, packed.Length, outs, acc.Length, 4);
        if (!Avx2Available)
        {
            ScalarU8S7(x, rows, k, packed, outs, acc);
            return;
        }

        ref var xb = ref MemoryMarshal.GetReference(x);
        ref var wb = ref MemoryMarshal.GetReference(packed);
        ref var yb = ref MemoryMarshal.GetReference(acc);
        // Blocks of RowBlock rows (their inputs stay in L1) x one 16-output panel at a time (its
        // weights stay in L1 while every 4-row tile of the block uses them).
        var full = rows / 4 * 4;
        for (var block = 0; block < full; block += RowBlock)
        {
            var end = Math.Min(full, block + RowBlock);
            for (var p = 0; p < outs; p += Panel)
            {
                for (var t = block; t < end; t += 4)
                {
                    U8Tile4(ref Unsafe.As<byte, int>(ref Unsafe.Add(ref xb, t * k)), k / 4, ref Unsafe.Add(ref wb, p * k), ref Unsafe.Add(ref yb, (t * outs) + p), outs);
                }
            }
        }

        for (var r = full; r < rows; r++)
        {
            for (var p = 0; p < outs; p += Panel)
            {
                U8Tile1(ref Unsafe.As<byte, int>(ref Unsafe.Add(ref xb, r * k)), k / 4, ref Unsafe.Add(ref wb, p * k), ref Unsafe.Add(ref yb, (r * outs) + p));
            }
        }
    }

    internal static void ScalarU8S7(ReadOnlySpan<byte> x, int rows, int k, ReadOnlySpan<sbyte> packed, int outs, Span<int> acc)
    {
        for (var r = 0; r < rows; r++)
        {
            for (var j = 0; j < outs; j++)
            {
                var panel = j / Panel * Panel * k;
                var sum = 0;
                for (var i = 0; i < k; i++)
                {
                    sum += x[(r * k) + i] * packed[panel + (i / 4 * 4 * Panel) + (j % Panel * 4) + (i % 4)];
                }

                acc[(r * outs) + j] = sum;
            }
        }
    }

    private static void U8Tile4(ref int x, int quads, ref sbyte w, ref int y, int outs)
    {
        var ones = Vector256.Create((short)1);
        Vector256<int> a00 = default, a01 = default, a10 = default, a11 = default, a20 = default, a21 = default, a30 = default, a31 = default;
        ref var x1 = ref Unsafe.Add(ref x, quads);
        ref var x2 = ref Unsafe.Add(ref x1, quads);
        ref var x3 = ref Unsafe.Add(ref x2, quads);
        nuint o = 0;
        for (nuint i = 0; i < (nuint)quads; i++, o += 4 * Panel)
        {
            var w0 = Vector256.LoadUnsafe(ref w, o);
            var w1 = Vector256.LoadUnsafe(ref w, o + 32);
            var b = Vector256.Create(Unsafe.Add(ref x, i)).AsByte();
            a00 = Avx2.Add(a00, Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(b, w0), ones));
            a01 = Avx2.Add(a01, Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(b, w1), ones));
            b = Vector256.Create(Unsafe.Add(ref x1, i)).AsByte();
            a10 = Avx2.Add(a10, Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(b, w0), ones));
            a11 = Avx2.Add(a11, Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(b, w1), ones));
            b = Vector256.Create(Unsafe.Add(ref x2, i)).AsByte();
            a20 = Avx2.Add(a20, Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(b, w0), ones));
            a21 = Avx2.Add(a21, Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(b, w1), ones));
            b = Vector256.Create(Unsafe.Add(ref x3, i)).AsByte();
            a30 = Avx2.Add(a30, Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(b, w0), ones));
            a31 = Avx2.Add(a31, Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(b, w1), ones));
        }

        Store4(ref y, outs, a00, a01, a10, a11, a20, a21, a30, a31);
    }

    private static void U8Tile1(ref int x, int quads, ref sbyte w, ref int y)
    {
        var ones = Vector256.Create((short)1);
        Vector256<int> a0 = default, a1 = default;
        for (nuint i = 0; i < (nuint)quads; i++)
        {
            var v = Vector256.Create(Unsafe.Add(ref x, i)).AsByte();
            a0 = Avx2.Add(a0, Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(v, Vector256.LoadUnsafe(ref w, i * 64)), ones));
            a1 = Avx2.Add(a1, Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(v, Vector256.LoadUnsafe(ref w, (i * 64) + 32)), ones));
        }

        a0.StoreUnsafe(ref y);
        a1.StoreUnsafe(ref y, 8);
    }

    // ---------------------------------------------------------------- quantize / dequantize

    /// <summary>
    /// The largest |x| for 16-bit activations against int8 weights over <paramref name="k"/> inputs
    /// such that the int32 sum cannot overflow: min(32767, (2³¹ - 1) / (127 · k)). 32767 up to k = 516.
    /// </summary>
    public static int ActivationLimit(int k) => (int)Math.Min(short.MaxValue, int.MaxValue / (127L * Math.Max(1, k)));

    /// <summary>
    /// Quantizes one row to signed 16 bit, symmetric (zero point 0): q = round-half-even(x / scale)
    /// with scale = max|x| / <paramref name="limit"/>. Returns the scale. Lengths are multiples of 32.
    /// </summary>
    public static float QuantizeRowS16(ReadOnlySpan<float> source, Span<short> target, int limit)
    {
        var maxAbs = TensorPrimitives.MaxMagnitude(source);
        maxAbs = MathF.Abs(maxAbs);
        var scale = maxAbs > 0 && float.IsFinite(maxAbs) ? maxAbs / limit : 1f;
        var inverse = limit / (maxAbs > 0 && float.IsFinite(maxAbs) ? maxAbs : limit);
        if (Avx2Available)
        {
            ref var sb = ref MemoryMarshal.GetReference(source);
            ref var tb = ref MemoryMarshal.GetReference(target);
            var inv = Vector256.Create(inverse);
            var hi = Vector256.Create(limit);
            var lo = Vector256.Create(-limit);
            for (nuint i = 0; i < (nuint)source.Length; i += 16)
            {
                // vcvtps2dq rounds with MXCSR's mode: round to nearest, ties to even.
                var i0 = Avx2.Min(Avx2.Max(Avx.ConvertToVector256Int32(Avx.Multiply(Vector256.LoadUnsafe(ref sb, i), inv)), lo), hi);
                var i1 = Avx2.Min(Avx2.Max(Avx.ConvertToVector256Int32(Avx.Multiply(Vector256.LoadUnsafe(ref sb, i + 8), inv)), lo), hi);
                Vector256.Narrow(i0, i1).StoreUnsafe(ref tb, i);
            }
        }
        else
        {
            for (var i = 0; i < source.Length; i++)
            {
                target[i] = (short)Math.Clamp((int)MathF.Round(source[i] * inverse, MidpointRounding.ToEven), -limit, limit);
            }
        }

        return scale;
    }

    /// <summary>
    /// Quantizes one row to unsigned 8 bit: non-negative rows (after ReLU) map [0, max] to 0..255 with
    /// zero point 0; rows with negative values map [-maxabs, maxabs] to 1..255 with zero point 128
    /// (round half to even). Returns the scale and the zero point. Lengths are multiples of 32.
    /// </summary>
    public static (float Scale, int ZeroPoint) QuantizeRowU8(ReadOnlySpan<float> source, Span<byte> target)
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
            var hi = Vector256.Create(255);
            var lo = Vector256<int>.Zero;
            for (nuint i = 0; i < (nuint)source.Length; i += 32)
            {
                var i0 = Avx2.Min(Avx2.Max(Avx2.Add(Avx.ConvertToVector256Int32(Avx.Multiply(Vector256.LoadUnsafe(ref sb, i), inv)), offset), lo), hi).AsUInt32();
                var i1 = Avx2.Min(Avx2.Max(Avx2.Add(Avx.ConvertToVector256Int32(Avx.Multiply(Vector256.LoadUnsafe(ref sb, i + 8), inv)), offset), lo), hi).AsUInt32();
                var i2 = Avx2.Min(Avx2.Max(Avx2.Add(Avx.ConvertToVector256Int32(Avx.Multiply(Vector256.LoadUnsafe(ref sb, i + 16), inv)), offset), lo), hi).AsUInt32();
                var i3 = Avx2.Min(Avx2.Max(Avx2.Add(Avx.ConvertToVector256Int32(Avx.Multiply(Vector256.LoadUnsafe(ref sb, i + 24), inv)), offset), lo), hi).AsUInt32();
                Vector256.Narrow(Vector256.Narrow(i0, i1), Vector256.Narrow(i2, i3)).StoreUnsafe(ref tb, i);
            }
        }
        else
        {
            for (var i = 0; i < source.Length; i++)
            {
                target[i] = (byte)Math.Clamp((int)MathF.Round(source[i] * inverse, MidpointRounding.ToEven) + zero, 0, 255);
            }
        }

        return (scale, zero);
    }

    /// <summary>
    /// y[j] = rowScale · weightScale[j] · (acc[j] - zero · weightSum[j]) + bias[j], vectorised.
    /// <paramref name="weightSums"/> may be empty when <paramref name="zero"/> is 0.
    /// </summary>
    public static void Dequantize(ReadOnlySpan<int> acc, float rowScale, int zero, ReadOnlySpan<int> weightSums, ReadOnlySpan<float> weightScales, ReadOnlySpan<float> bias, Span<float> y)
    {
        var n = y.Length;
        if (acc.Length < n || weightScales.Length < n || bias.Length < n || (zero != 0 && weightSums.Length < n))
        {
            throw new ArgumentException("Dequantize: spans shorter than the output.");
        }

        var j = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref var ab = ref MemoryMarshal.GetReference(acc);
            ref var sb = ref MemoryMarshal.GetReference(weightScales);
            ref var bb = ref MemoryMarshal.GetReference(bias);
            ref var yb = ref MemoryMarshal.GetReference(y);
            var rs = Vector256.Create(rowScale);
            if (zero == 0)
            {
                for (; j + 8 <= n; j += 8)
                {
                    var a = Vector256.ConvertToSingle(Vector256.LoadUnsafe(ref ab, (nuint)j));
                    Vector256.FusedMultiplyAdd(a, rs * Vector256.LoadUnsafe(ref sb, (nuint)j), Vector256.LoadUnsafe(ref bb, (nuint)j)).StoreUnsafe(ref yb, (nuint)j);
                }
            }
            else
            {
                ref var wb = ref MemoryMarshal.GetReference(weightSums);
                var z = Vector256.Create(zero);
                for (; j + 8 <= n; j += 8)
                {
                    var a = Vector256.ConvertToSingle(Vector256.LoadUnsafe(ref ab, (nuint)j) - (z * Vector256.LoadUnsafe(ref wb, (nuint)j)));
                    Vector256.FusedMultiplyAdd(a, rs * Vector256.LoadUnsafe(ref sb, (nuint)j), Vector256.LoadUnsafe(ref bb, (nuint)j)).StoreUnsafe(ref yb, (nuint)j);
                }
            }
        }

        for (; j < n; j++)
        {
            var a = zero == 0 ? acc[j] : acc[j] - (zero * weightSums[j]);
            y[j] = MathF.FusedMultiplyAdd(a, rowScale * weightScales[j], bias[j]);
        }
    }

    private static void Check(int xLength, int rows, int k, int packedLength, int outs, int yLength, int kMultiple)
    {
        if (rows < 0 || k % kMultiple != 0 || outs % Panel != 0 || xLength < rows * k || packedLength < outs * k || yLength < rows * outs)
        {
            throw new ArgumentException($"Kernel shapes do not fit: rows {rows}, k {k} (multiple of {kMultiple}), outs {outs} (multiple of {Panel}), x {xLength}, w {packedLength}, y {yLength}.");
        }
    }
}
