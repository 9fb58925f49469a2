using System.Globalization;
using LatentOps.Core.Errors;
using LatentOps.Core.Hashing;
using LatentOps.Learning.Images;
using LatentOps.Learning.Packaging;
using TorchSharp.Modules;
using static LatentOps.Learning.Export.OnnxProto;
using static TorchSharp.torch;

namespace LatentOps.Learning.Export;

/// <summary>
/// Writes an image encoder as an ONNX graph by walking its layers in order (the CNN is a
/// <c>Sequential</c> of named layers; nested Sequentials are walked too) and translating each:
/// Conv2d -> Conv, ReLU -> Relu, BatchNorm2d -> BatchNormalization (running statistics, eval mode),
/// MaxPool2d -> MaxPool, AvgPool2d -> AveragePool, AdaptiveAvgPool2d(1) -> GlobalAveragePool,
/// AdaptiveAvgPool2d(k) -> AveragePool (input size a multiple of k), Flatten -> Flatten, Linear -> Gemm,
/// Dropout/Identity -> nothing. The spatial shape is followed layer by layer so pooling and the first
/// Linear are checked against it. Any other layer is refused with its name and type.
/// </summary>
internal sealed class ImageGraphBuilder
{
    private readonly Graph _graph = new() { Name = "latentops_image_encoder" };
    private int _counter;

    /// <summary>The layer types the walk translates (for messages).</summary>
    public const string Vocabulary = "Conv2d, ReLU, BatchNorm2d, MaxPool2d, AvgPool2d, AdaptiveAvgPool2d, Flatten, Linear, Dropout, Identity";

    public static OnnxExport Export(ImageEncoderModel model, OnnxExportOptions options)
    {
        var architecture = model.Architecture;
        var head = options.IncludeHead && model.Classifier is not null && model.Classes is not null
            ? model.Classifier as Linear ?? throw LatentOpsException.InvalidState($"The classification head is a {model.Classifier.GetType().Name}; the ONNX exporter covers a Linear head.")
            : null;
        var builder = new ImageGraphBuilder();
        var (inputs, pixels) = builder.Inputs(options.Inputs, architecture.ImageHeight, architecture.ImageWidth, model.PixelScale);
        var outputs = builder.Network(model.Encoder, architecture.ImageHeight, architecture.ImageWidth, pixels, head, model.Classes);
        var proto = new Model
        {
            Graph = builder._graph,
            Opsets = [new OpsetId(string.Empty, OnnxExporter.Opset)],
            ProducerVersion = typeof(OnnxExporter).Assembly.GetName().Version?.ToString(),
            Doc = options.Description,
            Metadata = [.. (head is not null && model.Classes is { } classes ? [new Entry("classes", string.Join('\n', classes))] : Array.Empty<Entry>())],
        };
        var bytes = proto.ToBytes();
        var columns = model.Preprocessor.Columns;
        var sidecar = new OnnxSidecar
        {
            IrVersion = IrVersion,
            Opsets = new SortedDictionary<string, int>(StringComparer.Ordinal) { [string.Empty] = OnnxExporter.Opset },
            InputMode = options.Inputs,
            Inputs = inputs,
            Outputs = outputs,
            OnnxHash = ContentHash.Of(bytes),
            Image = new ImageInput(architecture.ImageHeight, architecture.ImageWidth, 1, model.PixelScale, columns[0].Column, columns[^1].Column),
            Preprocessing = model.Preprocessor,
        };
        return new OnnxExport(bytes, sidecar);
    }

    /// <summary>
    /// The graph of an encoder network alone, input <c>numeric</c> [N, height*width] (already scaled
    /// pixels), outputs <c>embedding</c> (and <c>probabilities</c> with a head). For tests of the walk.
    /// </summary>
    internal static byte[] ExportNetwork(nn.Module encoder, int height, int width, Linear? head = null, IReadOnlyList<string>? classes = null)
    {
        var builder = new ImageGraphBuilder();
        var (_, pixels) = builder.Inputs(OnnxInputMode.Encoded, height, width, 1);
        builder.Network(encoder, height, width, pixels, head, classes);
        return new Model { Graph = builder._graph, Opsets = [new OpsetId(string.Empty, OnnxExporter.Opset)] }.ToBytes();
    }

    private (List<OnnxTensorSpec> Specs, string Images) Inputs(OnnxInputMode mode, int height, int width, double scale)
    {
        var size = height * width;
        var sizeText = size.ToString(CultureInfo.InvariantCulture);
        var shape = Int64s("image_shape", [-1, 1, height, width]);
        if (mode == OnnxInputMode.Encoded)
        {
            _graph.Inputs.Add(new ValueInfo("numeric", TypeFloat, "N", size));
            var spec = new OnnxTensorSpec("numeric", "float32", ["N", sizeText],
                $"The {height}x{width} grey pixels, row-major (pixel_0 ... pixel_{size - 1}), already scaled as training did: clip(pixel / {Num(scale)}, -1, 1), 0 for a missing pixel.");
            return ([spec], Node("Reshape", ["numeric", shape]));
        }

        _graph.Inputs.Add(new ValueInfo("pixels", TypeFloat, "N", size));
        var raw = new OnnxTensorSpec("pixels", "float32", ["N", sizeText],
            $"The raw {height}x{width} grey pixel values (e.g. 0..255), row-major (pixel_0 ... pixel_{size - 1}); NaN is a missing pixel. In the graph, as training did: clip(pixel / {Num(scale)}, -1, 1) computed in float64, 0 for NaN.");
        var asDouble = Node("Cast", ["pixels"], Int("to", TypeDouble));
        var scaled = Node("Div", [asDouble, Doubles("pixel_scale", scale)]);
        var clipped = Node("Clip", [scaled, Doubles("clip_low", -1), Doubles("clip_high", 1)]);
        var filled = Node("Where", [Node("IsNaN", [asDouble]), Doubles("zero_f64", 0), clipped]);
        var floats = Node("Cast", [filled], Int("to", TypeFloat));
        return ([raw], Node("Reshape", [floats, shape]));
    }

    private List<OnnxTensorSpec> Network(nn.Module encoder, int height, int width, string input, Linear? head, IReadOnlyList<string>? classes)
    {
        using var scope = NewDisposeScope();
        var shape = new Shape(1, height, width, 0);
        var x = input;
        var index = 0;
        foreach (var (name, layer) in Layers(encoder, string.Empty))
        {
            (x, shape) = Layer(name, layer, x, shape, index++);
        }

        if (shape.Features == 0)
        {
            throw LatentOpsException.InvalidState($"The image encoder ends with a [{shape.Channels}, {shape.Height}, {shape.Width}] feature map; the exporter needs it to end with Flatten and Linear (an embedding per image).");
        }

        var embedding = Rename(x, "embedding");
        _graph.Outputs.Add(new ValueInfo("embedding", TypeFloat, "N", shape.Features));
        var outputs = new List<OnnxTensorSpec>
        {
            new("embedding", "float32", ["N", shape.Features.ToString(CultureInfo.InvariantCulture)], "The encoder output (the embedding), one row per image."),
        };
        if (head is not null && classes is not null)
        {
            var logits = Gemm("head", head, embedding, shape.Features);
            _graph.Nodes.Add(new Node { OpType = "Softmax", Name = "softmax", Inputs = [logits], Outputs = ["probabilities"], Attributes = [Int("axis", 1)] });
            _graph.Outputs.Add(new ValueInfo("probabilities", TypeFloat, "N", classes.Count));
            outputs.Add(new OnnxTensorSpec("probabilities", "float32", ["N", classes.Count.ToString(CultureInfo.InvariantCulture)], "Class probabilities (softmax of the head), columns in the order of labels.", Labels: classes));
        }

        return outputs;
    }

    /// <summary>The leaf layers in forward order: a Sequential's children in registration order, recursively.</summary>
    private static IEnumerable<(string Name, nn.Module Layer)> Layers(nn.Module module, string prefix)
    {
        foreach (var (name, child) in module.named_children())
        {
            var path = prefix.Length == 0 ? name : $"{prefix}.{name}";
            if (child is Sequential || !IsLeaf(child))
            {
                foreach (var inner in Layers(child, path))
                {
                    yield return inner;
                }
            }
            else
            {
                yield return (path, child);
            }
        }
    }

    private static bool IsLeaf(nn.Module module) => !module.named_children().Any();

    private (string Output, Shape Shape) Layer(string name, nn.Module layer, string x, Shape shape, int index)
    {
        switch (layer)
        {
            case Conv2d conv:
                return Conv(name, conv, x, shape, index);
            case ReLU:
                return (Node("Relu", [x]), shape);
            case BatchNorm2d norm:
                return BatchNorm(name, norm, x, shape, index);
            case MaxPool2d pool:
            {
                RequireMap(name, "MaxPool2d", shape);
                var kernel = Pair(pool.kernel_size, 1);
                var stride = pool.stride is { Length: > 0 } s ? Pair(s, 1) : kernel;
                var padding = Pair(pool.padding, 0);
                var dilation = Pair(pool.dilation, 1);
                var output = Node("MaxPool", [x],
                    Ints("kernel_shape", kernel), Ints("strides", stride), Ints("pads", [padding[0], padding[1], padding[0], padding[1]]),
                    Ints("dilations", dilation), Int("ceil_mode", pool.ceil_mode ? 1 : 0));
                return (output, shape with
                {
                    Height = PoolSize(shape.Height, kernel[0], stride[0], padding[0], padding[0], dilation[0], pool.ceil_mode),
                    Width = PoolSize(shape.Width, kernel[1], stride[1], padding[1], padding[1], dilation[1], pool.ceil_mode),
                });
            }

            case AvgPool2d pool:
            {
                RequireMap(name, "AvgPool2d", shape);
                if (pool.divisor_override is not null)
                {
                    throw Unsupported(name, "AvgPool2d with divisor_override");
                }

                var kernel = Pair(pool.kernel_size, 1);
                var stride = pool.stride is { Length: > 0 } s ? Pair(s, 1) : kernel;
                var padding = Pair(pool.padding, 0);
                var output = Node("AveragePool", [x],
                    Ints("kernel_shape", kernel), Ints("strides", stride), Ints("pads", [padding[0], padding[1], padding[0], padding[1]]),
                    Int("ceil_mode", pool.ceil_mode ? 1 : 0), Int("count_include_pad", pool.count_include_pad ? 1 : 0));
                return (output, shape with
                {
                    Height = PoolSize(shape.Height, kernel[0], stride[0], padding[0], padding[0], 1, pool.ceil_mode),
                    Width = PoolSize(shape.Width, kernel[1], stride[1], padding[1], padding[1], 1, pool.ceil_mode),
                });
            }

            case AdaptiveAvgPool2d pool:
            {
                RequireMap(name, "AdaptiveAvgPool2d", shape);
                var size = Pair(pool.output_size, 1);
                var outH = size[0] > 0 ? size[0] : shape.Height;
                var outW = size[1] > 0 ? size[1] : shape.Width;
                if (outH == 1 && outW == 1)
                {
                    return (Node("GlobalAveragePool", [x]), shape with { Height = 1, Width = 1 });
                }

                if (shape.Height % outH != 0 || shape.Width % outW != 0)
                {
                    throw LatentOpsException.InvalidState($"Layer '{name}' (AdaptiveAvgPool2d({outH}, {outW})) pools a {shape.Height}x{shape.Width} map; the ONNX exporter needs the input size to be a multiple of the output size.");
                }

                long[] kernel = [shape.Height / outH, shape.Width / outW];
                return (Node("AveragePool", [x], Ints("kernel_shape", kernel), Ints("strides", kernel)), shape with { Height = outH, Width = outW });
            }

            case Flatten flatten:
            {
                if (shape.Features > 0)
                {
                    return (x, shape);
                }

                if (flatten.start_dim != 1 || flatten.end_dim is not (-1 or 3))
                {
                    throw Unsupported(name, $"Flatten({flatten.start_dim}, {flatten.end_dim}) (only Flatten(1, -1))");
                }

                return (Node("Flatten", [x], Int("axis", 1)), new Shape(0, 0, 0, shape.Channels * shape.Height * shape.Width));
            }

            case Linear linear:
            {
                if (shape.Features == 0)
                {
                    throw LatentOpsException.InvalidState($"Layer '{name}' (Linear) follows a [{shape.Channels}, {shape.Height}, {shape.Width}] feature map; the exporter needs a Flatten before it.");
                }

                if (linear.in_features != shape.Features)
                {
                    throw LatentOpsException.InvalidState($"Layer '{name}' (Linear) takes {linear.in_features} features but the layers before it give {shape.Features}.");
                }

                return (Gemm($"layer{index}_{Safe(name)}", linear, x, shape.Features), new Shape(0, 0, 0, linear.out_features));
            }

            case Dropout or Identity:
                return (x, shape);
            default:
                throw LatentOpsException.InvalidState($"Layer '{name}' is a {layer.GetType().Name}; the ONNX exporter covers {Vocabulary}.");
        }
    }

    private (string, Shape) Conv(string name, Conv2d conv, string x, Shape shape, int index)
    {
        RequireMap(name, "Conv2d", shape);
        if (conv.padding_mode != TorchSharp.PaddingModes.Zeros)
        {
            throw Unsupported(name, $"Conv2d with padding_mode {conv.padding_mode} (only zeros)");
        }

        if (conv.in_channels != shape.Channels)
        {
            throw LatentOpsException.InvalidState($"Layer '{name}' (Conv2d) takes {conv.in_channels} channels but the layers before it give {shape.Channels}.");
        }

        var kernel = Pair(conv.kernel_size, 1);
        var stride = Pair(conv.stride, 1);
        var dilation = Pair(conv.dilation, 1);
        long[] pads;
        if (conv.padding_type is { } type)
        {
            // Padding.Same puts the odd pixel at the end (bottom/right), as PyTorch does.
            var totalH = type == TorchSharp.Padding.Same ? dilation[0] * (kernel[0] - 1) : 0;
            var totalW = type == TorchSharp.Padding.Same ? dilation[1] * (kernel[1] - 1) : 0;
            pads = [totalH / 2, totalW / 2, totalH - (totalH / 2), totalW - (totalW / 2)];
        }
        else
        {
            var padding = Pair(conv.padding, 0);
            pads = [padding[0], padding[1], padding[0], padding[1]];
        }

        var prefix = $"layer{index}_{Safe(name)}";
        var weight = Floats(conv.weight!);
        _graph.Initializers.Add(OnnxProto.Tensor.Floats($"{prefix}_weight", weight, conv.out_channels, conv.in_channels / conv.groups, kernel[0], kernel[1]));
        var inputs = new List<string> { x, $"{prefix}_weight" };
        if (conv.bias is { } bias)
        {
            _graph.Initializers.Add(OnnxProto.Tensor.Floats($"{prefix}_bias", Floats(bias), conv.out_channels));
            inputs.Add($"{prefix}_bias");
        }

        var output = Node("Conv", inputs,
            Ints("kernel_shape", kernel), Ints("strides", stride), Ints("pads", pads), Ints("dilations", dilation), Int("group", conv.groups));
        return (output, new Shape(
            conv.out_channels,
            PoolSize(shape.Height, kernel[0], stride[0], pads[0], pads[2], dilation[0], ceil: false),
            PoolSize(shape.Width, kernel[1], stride[1], pads[1], pads[3], dilation[1], ceil: false),
            0));
    }

    private (string, Shape) BatchNorm(string name, BatchNorm2d norm, string x, Shape shape, int index)
    {
        RequireMap(name, "BatchNorm2d", shape);
        if (norm.running_mean is null || norm.running_var is null)
        {
            throw Unsupported(name, "BatchNorm2d without running statistics (track_running_stats=false)");
        }

        var channels = norm.num_features;
        var prefix = $"layer{index}_{Safe(name)}";
        var scale = norm.weight is { } w ? Floats(w) : [.. Enumerable.Repeat(1f, (int)channels)];
        var bias = norm.bias is { } b ? Floats(b) : new float[channels];
        _graph.Initializers.Add(OnnxProto.Tensor.Floats($"{prefix}_scale", scale, channels));
        _graph.Initializers.Add(OnnxProto.Tensor.Floats($"{prefix}_bias", bias, channels));
        _graph.Initializers.Add(OnnxProto.Tensor.Floats($"{prefix}_mean", Floats(norm.running_mean), channels));
        _graph.Initializers.Add(OnnxProto.Tensor.Floats($"{prefix}_var", Floats(norm.running_var), channels));
        var output = Node("BatchNormalization", [x, $"{prefix}_scale", $"{prefix}_bias", $"{prefix}_mean", $"{prefix}_var"],
            new Attr { Name = "epsilon", F = (float)norm.eps });
        return (output, shape);
    }

    private string Gemm(string prefix, Linear linear, string x, long inputs)
    {
        _graph.Initializers.Add(OnnxProto.Tensor.Floats($"{prefix}_weight", Floats(linear.weight!), linear.out_features, inputs));
        var arguments = new List<string> { x, $"{prefix}_weight" };
        if (linear.bias is { } bias)
        {
            _graph.Initializers.Add(OnnxProto.Tensor.Floats($"{prefix}_bias", Floats(bias), linear.out_features));
            arguments.Add($"{prefix}_bias");
        }

        return Node("Gemm", arguments, Int("transB", 1));
    }

    /// <summary>Renames the output of the node that produced <paramref name="value"/> (the last one), or adds an Identity.</summary>
    private string Rename(string value, string name)
    {
        var last = _graph.Nodes.Count - 1;
        if (last >= 0 && _graph.Nodes[last].Outputs is [var only] && only == value)
        {
            var node = _graph.Nodes[last];
            _graph.Nodes[last] = new Node { OpType = node.OpType, Name = node.Name, Inputs = node.Inputs, Outputs = [name], Domain = node.Domain, Attributes = node.Attributes };
            return name;
        }

        _graph.Nodes.Add(new Node { OpType = "Identity", Name = "identity_embedding", Inputs = [value], Outputs = [name] });
        return name;
    }

    private static long PoolSize(long size, long kernel, long stride, long padBegin, long padEnd, long dilation, bool ceil)
    {
        var span = size + padBegin + padEnd - (dilation * (kernel - 1)) - 1;
        var steps = ceil ? (long)Math.Ceiling(span / (double)stride) : span / stride;
        if (ceil && steps * stride >= size + padBegin)
        {
            steps--; // PyTorch: the last window must start inside the input or its left padding.
        }

        return steps + 1;
    }

    private static void RequireMap(string name, string type, Shape shape)
    {
        if (shape.Features > 0)
        {
            throw LatentOpsException.InvalidState($"Layer '{name}' ({type}) comes after Flatten; the exporter needs it before.");
        }
    }

    private static LatentOpsException Unsupported(string name, string what) =>
        LatentOpsException.InvalidState($"Layer '{name}' is {what}; the ONNX exporter does not cover that.");

    private static long[] Pair(long[]? values, long fallback) => values switch
    {
        null or [] => [fallback, fallback],
        [var one] => [one, one],
        _ => [values[0], values[1]],
    };

    private static float[] Floats(TorchSharp.torch.Tensor tensor)
    {
        using var scope = NewDisposeScope();
        return tensor.detach().cpu().to_type(ScalarType.Float32).contiguous().data<float>().ToArray();
    }

    private static string Safe(string name) => name.Replace('.', '_');

    private string Int64s(string name, long[] values)
    {
        _graph.Initializers.Add(OnnxProto.Tensor.Int64s(name, values, values.Length));
        return name;
    }

    private string Doubles(string name, double value)
    {
        _graph.Initializers.Add(OnnxProto.Tensor.Doubles(name, [value], 1));
        return name;
    }

    private string Node(string op, IReadOnlyList<string> inputs, params Attr[] attributes)
    {
        var output = $"t{_counter}";
        _graph.Nodes.Add(new Node { OpType = op, Name = $"{op.ToLowerInvariant()}_{_counter++}", Inputs = inputs, Outputs = [output], Attributes = attributes });
        return output;
    }

    private static Attr Int(string name, long value) => new() { Name = name, I = value };

    private static Attr Ints(string name, long[] values) => new() { Name = name, Ints = values };

    private static string Num(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The activation shape after a layer: a [Channels, Height, Width] map, or Features after Flatten.</summary>
    private readonly record struct Shape(long Channels, long Height, long Width, long Features);
}
