using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using LatentOps.Store.Features;

namespace LatentOps.Benchmarks.Store;

/// <summary>
/// Exact top-10 cosine search over 1,000,000 x 64 vectors (float32: 256 MB; int8: 64 MB) against the
/// memory-bandwidth bound measured in the same run: streaming the very same matrix once with a SIMD
/// sum (the least work that reads every byte). Ratio near 1 means the search runs at memory speed.
/// Run: dotnet run -c Release --project bench/LatentOps.Benchmarks -- --filter '*CosineTopK*' --job short
/// </summary>
[MemoryDiagnoser(false)]
public class CosineTopKBenchmark
{
    private const int Rows = 1_000_000;
    private const int Dimension = 64;
    private ExactCosineIndex _float = null!;
    private QuantizedCosineIndex _int8 = null!;
    private float[] _query = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var data = new float[Rows * Dimension];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = (float)((random.NextDouble() * 2) - 1);
        }

        _float = new ExactCosineIndex(data, Rows, Dimension);
        _int8 = new QuantizedCosineIndex(data, Rows, Dimension);
        _query = data.AsSpan(123 * Dimension, Dimension).ToArray();
    }

    /// <summary>Memory-bandwidth bound for the float index: read its 256 MB once.</summary>
    [Benchmark(Baseline = true)]
    public float StreamFloatMatrix() => TensorPrimitives.Sum(_float.Matrix);

    /// <summary>Exact float32 cosine top-10.</summary>
    [Benchmark]
    public int TopKFloat() => _float.Search(_query, 10)[0].Index;

    /// <summary>Memory-bandwidth bound for the int8 index: read its 64 MB once.</summary>
    [Benchmark]
    public float StreamInt8Matrix() => TensorPrimitives.Sum(MemoryMarshal.Cast<sbyte, float>(_int8.Matrix));

    /// <summary>Exact search over int8-quantised vectors, top-10.</summary>
    [Benchmark]
    public int TopKInt8() => _int8.Search(_query, 10)[0].Index;
}
