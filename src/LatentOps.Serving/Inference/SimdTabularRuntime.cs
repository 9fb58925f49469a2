using System.Buffers;
using System.Numerics.Tensors;
using LatentOps.Core.Errors;
using LatentOps.Learning.Export;
using LatentOps.Learning.Preprocessing;

namespace LatentOps.Serving.Inference;

/// <summary>
/// The model's MLP on LatentOps' own kernels (<see cref="DenseKernels"/>): float32, or int8 with
/// weights quantized per output channel and activations per row. Category embeddings, LayerNorm,
/// ReLU, the head and softmax stay float32. Rows are split across threads in blocks.
/// </summary>
internal sealed class SimdTabularRuntime : ITabularRuntime
{
    private const int Align = 32;
    private const int RowsPerTask = 64;
    private readonly TabularNetwork _network;
    private readonly PreparedLayer[] _layers;
    private readonly DenseLayer? _head;
    private readonly bool _quantize;
    private readonly int _threads;
    private readonly int _inputWidth;

    public SimdTabularRuntime(TabularNetwork network, bool quantize, int threads)
    {
        _network = network;
        _quantize = quantize;
        _threads = threads;
        _inputWidth = Pad(network.InputWidth);
        // The first layer stays float32: its input mixes clipped numbers and category embeddings of
        // very different ranges, which 7-bit per-row quantization resolves too coarsely (tested: AUC
        // dropped by several points); it is also the smallest layer.
        _layers = [.. network.Layers.Select((l, i) => new PreparedLayer(l, quantize && i > 0))];
        _head = network.Head;
        ClassCount = network.Classes is null || network.Head is null ? 0 : network.Classes.Count;
    }

    public ServingRuntime Kind => _quantize ? ServingRuntime.Int8 : ServingRuntime.Simd;

    public int EmbeddingDimension => _network.EmbeddingDimension;

    public int ClassCount { get; }

    public (float[] Embeddings, float[]? Probabilities) Run(EncodedTable input, bool withProbabilities)
    {
        if (input.NumericWidth != _network.NumericInputs || input.CategoryCount != _network.Categories.Count)
        {
            throw LatentOpsException.InvalidInput($"The input has {input.NumericWidth} numeric features and {input.CategoryCount} categorical columns; the encoder expects {_network.NumericInputs} and {_network.Categories.Count}.");
        }

        var rows = input.Rows;
        var dimension = EmbeddingDimension;
        var embeddings = new float[(long)rows * dimension];
        var probabilities = withProbabilities && ClassCount > 0 ? new float[(long)rows * ClassCount] : null;
        var blocks = (rows + RowsPerTask - 1) / RowsPerTask;
        if (_threads == 1 || blocks == 1)
        {
            Forward(input, 0, rows, embeddings, probabilities);
        }
        else
        {
            Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = _threads }, b =>
            {
                var start = b * RowsPerTask;
                Forward(input, start, Math.Min(RowsPerTask, rows - start), embeddings, probabilities);
            });
        }

        return (embeddings, probabilities);
    }

    public void Dispose()
    {
        // Managed arrays only.
    }

    private void Forward(EncodedTable input, int start, int count, float[] embeddings, float[]? probabilities)
    {
        var widest = Math.Max(_inputWidth, _layers.Max(l => l.OutsPadded));
        var pool = ArrayPool<float>.Shared;
        var a = pool.Rent(count * widest);
        var b = pool.Rent(count * widest);
        var acc = _quantize ? ArrayPool<int>.Shared.Rent(count * widest) : null;
        var q = _quantize ? ArrayPool<byte>.Shared.Rent(count * widest) : null;
        var scales = _quantize ? new (float Scale, int Zero)[count] : null;
        try
        {
            Gather(input, start, count, a);
            var width = _inputWidth;
            foreach (var layer in _layers)
            {
                var y = b.AsSpan(0, count * layer.OutsPadded);
                if (layer.Quantized is not null)
                {
                    for (var r = 0; r < count; r++)
                    {
                        scales![r] = DenseKernels.QuantizeRow(a.AsSpan(r * width, width), q.AsSpan(r * width, width));
                    }

                    DenseKernels.GemmU8S7(q.AsSpan(0, count * width), count, width, layer.Quantized!, layer.OutsPadded, acc.AsSpan(0, count * layer.OutsPadded));
                    for (var r = 0; r < count; r++)
                    {
                        layer.Dequantize(acc.AsSpan(r * layer.OutsPadded, layer.OutsPadded), scales![r], y.Slice(r * layer.OutsPadded, layer.OutsPadded));
                    }
                }
                else
                {
                    DenseKernels.GemmF32(a.AsSpan(0, count * width), count, width, layer.Weights!, layer.OutsPadded, y);
                    for (var r = 0; r < count; r++)
                    {
                        TensorPrimitives.Add(y.Slice(r * layer.OutsPadded, layer.OutsPadded), layer.Bias, y.Slice(r * layer.OutsPadded, layer.OutsPadded));
                    }
                }

                for (var r = 0; r < count; r++)
                {
                    layer.Finish(y.Slice(r * layer.OutsPadded, layer.OutsPadded));
                }

                (a, b) = (b, a);
                width = layer.OutsPadded;
            }

            var dimension = EmbeddingDimension;
            for (var r = 0; r < count; r++)
            {
                var embedding = a.AsSpan(r * width, dimension);
                embedding.CopyTo(embeddings.AsSpan((start + r) * dimension, dimension));
                if (probabilities is not null)
                {
                    var target = probabilities.AsSpan((start + r) * ClassCount, ClassCount);
                    for (var c = 0; c < ClassCount; c++)
                    {
                        target[c] = TensorPrimitives.Dot(embedding, _head!.Weight.AsSpan(c * _head.Inputs, _head.Inputs)) + _head.Bias[c];
                    }

                    TensorPrimitives.SoftMax(target, target);
                }
            }
        }
        finally
        {
            pool.Return(a);
            pool.Return(b);
            if (acc is not null)
            {
                ArrayPool<int>.Shared.Return(acc);
            }

            if (q is not null)
            {
                ArrayPool<byte>.Shared.Return(q);
            }
        }
    }

    /// <summary>Numeric features, then each category's embedding, zero-padded to the kernel width.</summary>
    private void Gather(EncodedTable input, int start, int count, float[] target)
    {
        var numeric = _network.NumericInputs;
        for (var r = 0; r < count; r++)
        {
            var row = target.AsSpan(r * _inputWidth, _inputWidth);
            row.Clear();
            input.Numeric.AsSpan((start + r) * numeric, numeric).CopyTo(row);
            var offset = numeric;
            for (var c = 0; c < _network.Categories.Count; c++)
            {
                var table = _network.Categories[c];
                var index = input.Categories[((start + r) * input.CategoryCount) + c];
                if ((ulong)index >= (ulong)table.Cardinality)
                {
                    index = 0;
                }

                table.Values.AsSpan((int)index * table.Dimension, table.Dimension).CopyTo(row[offset..]);
                offset += table.Dimension;
            }
        }
    }

    internal static int Pad(int width) => (width + Align - 1) / Align * Align;

    /// <summary>One layer with weights padded (and, for int8, quantized) for the kernels.</summary>
    private sealed class PreparedLayer
    {
        private readonly DenseLayer _layer;
        private readonly float[]? _scales;
        private readonly int[]? _rowSums;

        public PreparedLayer(DenseLayer layer, bool quantize)
        {
            _layer = layer;
            InsPadded = Pad(layer.Inputs);
            OutsPadded = Pad(layer.Outputs);
            Bias = new float[OutsPadded];
            layer.Bias.CopyTo(Bias, 0);
            if (!quantize)
            {
                Weights = new float[OutsPadded * InsPadded];
                for (var j = 0; j < layer.Outputs; j++)
                {
                    layer.Weight.AsSpan(j * layer.Inputs, layer.Inputs).CopyTo(Weights.AsSpan(j * InsPadded));
                }

                return;
            }

            Quantized = new sbyte[OutsPadded * InsPadded];
            _scales = new float[OutsPadded];
            _rowSums = new int[OutsPadded];
            var weight = layer.Weight;
            if (layer.NormScale is not null)
            {
                // LayerNorm ignores a shift shared by all outputs, so remove the part of W and b common
                // to every output (their column means) before quantizing: the same result in exact
                // arithmetic, smaller weights, so smaller quantization error after LayerNorm's rescaling.
                weight = (float[])layer.Weight.Clone();
                for (var i = 0; i < layer.Inputs; i++)
                {
                    var mean = 0.0;
                    for (var j = 0; j < layer.Outputs; j++)
                    {
                        mean += weight[(j * layer.Inputs) + i];
                    }

                    mean /= layer.Outputs;
                    for (var j = 0; j < layer.Outputs; j++)
                    {
                        weight[(j * layer.Inputs) + i] -= (float)mean;
                    }
                }

                TensorPrimitives.Subtract(Bias.AsSpan(0, layer.Outputs), TensorPrimitives.Sum(layer.Bias) / layer.Outputs, Bias.AsSpan(0, layer.Outputs));
            }

            for (var j = 0; j < layer.Outputs; j++)
            {
                var row = weight.AsSpan(j * layer.Inputs, layer.Inputs);
                var maxAbs = TensorPrimitives.MaxMagnitude(row);
                var scale = maxAbs != 0 ? Math.Abs(maxAbs) / 63f : 1f;
                _scales[j] = scale;
                var sum = 0;
                for (var i = 0; i < layer.Inputs; i++)
                {
                    var v = (sbyte)Math.Clamp((int)MathF.Round(row[i] / scale), -63, 63);
                    Quantized[(j * InsPadded) + i] = v;
                    sum += v;
                }

                _rowSums[j] = sum;
            }
        }

        public int InsPadded { get; }

        public int OutsPadded { get; }

        public float[] Bias { get; }

        public float[]? Weights { get; }

        public sbyte[]? Quantized { get; }

        /// <summary>y = xScale · wScale[j] · (acc[j] - zero · Σ w[j]) + b[j].</summary>
        public void Dequantize(ReadOnlySpan<int> acc, (float Scale, int Zero) x, Span<float> y)
        {
            for (var j = 0; j < y.Length; j++)
            {
                y[j] = (x.Scale * _scales![j] * (acc[j] - (x.Zero * _rowSums![j]))) + Bias[j];
            }
        }

        /// <summary>LayerNorm over the real outputs, then ReLU; the padding stays zero.</summary>
        public void Finish(Span<float> y)
        {
            var real = y[.._layer.Outputs];
            if (_layer.NormScale is { } gain)
            {
                var mean = TensorPrimitives.Sum(real) / real.Length;
                TensorPrimitives.Subtract(real, mean, real);
                var variance = TensorPrimitives.SumOfSquares(real) / real.Length;
                TensorPrimitives.Multiply(real, 1f / MathF.Sqrt(variance + (float)_layer.NormEpsilon), real);
                TensorPrimitives.Multiply(real, gain, real);
                TensorPrimitives.Add(real, _layer.NormBias!, real);
            }

            if (_layer.Relu)
            {
                TensorPrimitives.Max(real, 0f, real);
            }
        }
    }
}
