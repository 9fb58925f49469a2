using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace LatentOps.Monitoring.Drift.Embeddings;

/// <summary>
/// RBF kernel values exp(scale * d²) for non-positive exponents, eight at a time: the Cephes expf polynomial
/// (relative error about 2e-7), written with plain vector multiplies and adds so the fused AVX2 path and the
/// portable path give the same bits, and compiled optimised at once (no tiered warm-up in a short run).
/// Exponents below -87.3 are clamped there (values near 1e-38 instead of smaller ones).
/// </summary>
internal static class KernelExp
{
    /// <summary>values[i] = exp(values[i] * scale); returns their sum.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float ScaleExpSum(Span<float> values, float scale)
    {
        var s = Vector256.Create(scale);
        var sum = Vector256<float>.Zero;
        var i = 0;
        ref var start = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(values);
        for (; i + 8 <= values.Length; i += 8)
        {
            var v = Exp(Vector256.LoadUnsafe(ref start, (nuint)i) * s);
            v.StoreUnsafe(ref start, (nuint)i);
            sum += v;
        }

        var total = Vector256.Sum(sum);
        if (i < values.Length)
        {
            Span<float> tail = stackalloc float[8];
            tail.Clear();
            values[i..].CopyTo(tail);
            var v = Exp(Vector256.Create<float>(tail) * s);
            for (var k = 0; k < values.Length - i; k++)
            {
                values[i + k] = v.GetElement(k);
                total += v.GetElement(k);
            }
        }

        return total;
    }

    /// <summary>exp(x) for x &lt;= 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Exp(Vector256<float> x)
    {
        x = Vector256.Max(x, Vector256.Create(-87.33654f));
        var n = Vector256.Round(x * Vector256.Create(1.44269504088896341f));
        x = x - (n * Vector256.Create(0.693359375f));
        x = x - (n * Vector256.Create(-2.12194440e-4f));
        var y = Vector256.Create(1.9875691500E-4f);
        y = (y * x) + Vector256.Create(1.3981999507E-3f);
        y = (y * x) + Vector256.Create(8.3334519073E-3f);
        y = (y * x) + Vector256.Create(4.1665795894E-2f);
        y = (y * x) + Vector256.Create(1.6666665459E-1f);
        y = (y * x) + Vector256.Create(5.0000001201E-1f);
        y = (y * (x * x)) + x + Vector256<float>.One;
        var pow2 = Vector256.ShiftLeft(Vector256.ConvertToInt32(n) + Vector256.Create(127), 23).AsSingle();
        return y * pow2;
    }
}
