using System.Globalization;
using LatentOps.Core.Errors;
using LatentOps.Core.Hashing;
using LatentOps.Learning.Encoders;
using LatentOps.Learning.Images;
using LatentOps.Learning.Preprocessing;
using static LatentOps.Learning.Export.OnnxProto;

namespace LatentOps.Learning.Export;

/// <summary>
/// Writes an encoder (and its classification head) as an ONNX graph, opset 17. Image encoders: see
/// <see cref="ImageGraphBuilder"/>. Tabular encoders: per categorical
/// column a Gather from its embedding table, a Concat with the numeric features, then Gemm
/// (+ LayerNormalization) + Relu per layer, and Gemm + Softmax for the head. In
/// <see cref="OnnxInputMode.Raw"/> mode the preprocessing is in the graph too: robust scaling
/// (Sub, Div, Clip in float64 exactly as training did), missing indicators (IsNaN, Where) and category
/// lookup (ai.onnx.ml LabelEncoder). TorchSharp has no ONNX export, so the protobuf is written here.
/// </summary>
public static class OnnxExporter
{
    /// <summary>The ai.onnx operator set the graph uses.</summary>
    public const int Opset = 17;

    /// <summary>The ai.onnx.ml operator set (LabelEncoder), used only by raw graphs with categorical columns.</summary>
    public const int MlOpset = 3;

    /// <summary>Exports <paramref name="model"/>.</summary>
    /// <exception cref="LatentOpsException">The model is not a tabular encoder.</exception>
    public static OnnxExport Export(TabularEncoderModel model, OnnxExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Export(TabularNetwork.From(model), options);
    }

    /// <summary>
    /// Exports an image encoder by walking its layers (see <see cref="ImageGraphBuilder"/>): in
    /// <see cref="OnnxInputMode.Raw"/> mode the input is <c>pixels</c> float32 [N, H*W] raw pixel values
    /// and the pixel scaling is in the graph; in <see cref="OnnxInputMode.Encoded"/> mode the input is
    /// <c>numeric</c> float32 [N, H*W] already scaled.
    /// </summary>
    /// <exception cref="LatentOpsException">The CNN has a layer outside the covered vocabulary.</exception>
    public static OnnxExport Export(ImageEncoderModel model, OnnxExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        return ImageGraphBuilder.Export(model, options ?? new OnnxExportOptions());
    }

    /// <summary>Exports an encoder of either family.</summary>
    /// <exception cref="LatentOpsException">The model cannot be expressed with the exporter's operators.</exception>
    public static OnnxExport Export(IEncoderModel model, OnnxExportOptions? options = null) => model switch
    {
        TabularEncoderModel tabular => Export(tabular, options),
        ImageEncoderModel image => Export(image, options),
        null => throw new ArgumentNullException(nameof(model)),
        _ => throw LatentOpsException.InvalidInput($"A {model.GetType().Name} cannot be exported to ONNX; tabular and image encoders can."),
    };

    /// <summary>Exports a network already copied out of a model.</summary>
    public static OnnxExport Export(TabularNetwork network, OnnxExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        options ??= new OnnxExportOptions();
        var builder = new GraphBuilder(network);
        var inputs = options.Inputs == OnnxInputMode.Raw ? builder.RawInputs() : builder.EncodedInputs();
        var outputs = builder.Network(options.IncludeHead);
        var usesMl = builder.Graph.Nodes.Any(n => n.Domain == "ai.onnx.ml");
        var opsets = new List<OpsetId> { new(string.Empty, Opset) };
        if (usesMl)
        {
            opsets.Add(new OpsetId("ai.onnx.ml", MlOpset));
        }

        var proto = new Model
        {
            Graph = builder.Graph,
            Opsets = opsets,
            ProducerVersion = typeof(OnnxExporter).Assembly.GetName().Version?.ToString(),
            Doc = options.Description,
            Metadata = [.. (network.Classes is { } classes ? [new Entry("classes", string.Join('\n', classes))] : Array.Empty<Entry>())],
        };
        var bytes = proto.ToBytes();
        var opsetTable = new SortedDictionary<string, int>(StringComparer.Ordinal) { [string.Empty] = Opset };
        if (usesMl)
        {
            opsetTable["ai.onnx.ml"] = MlOpset;
        }

        var sidecar = new OnnxSidecar
        {
            IrVersion = IrVersion,
            Opsets = opsetTable,
            InputMode = options.Inputs,
            Inputs = inputs,
            Outputs = outputs,
            OnnxHash = ContentHash.Of(bytes),
            Preprocessing = network.Preprocessor,
        };
        return new OnnxExport(bytes, sidecar);
    }

    private sealed class GraphBuilder(TabularNetwork network)
    {
        private int counter;
        private string numericFeatures = string.Empty;
        private readonly List<string> categoryIndices = [];
        private readonly List<bool> categoryIndexIs2D = [];

        public Graph Graph { get; } = new() { Name = "latentops_tabular_encoder" };

        public List<OnnxTensorSpec> RawInputs()
        {
            var specs = new List<OnnxTensorSpec>();
            var numericParts = new List<string>();
            var clip = network.Preprocessor.ClipValue;
            var clipLow = Constant("clip_low", [-clip]);
            var clipHigh = Constant("clip_high", [clip]);
            var zero = Constant("zero_f64", [0.0]);
            foreach (var encoding in network.Preprocessor.Columns)
            {
                var name = encoding.Column;
                switch (encoding.Kind)
                {
                    case ColumnEncodingKind.Numeric:
                    {
                        Graph.Inputs.Add(new ValueInfo(name, TypeDouble, "N", 1));
                        specs.Add(new OnnxTensorSpec(name, "float64", ["N", "1"],
                            $"The raw value of '{name}'; NaN when missing (then the scaled value is 0{(encoding.MissingIndicator ? " and the missing indicator 1" : string.Empty)}). In the graph: clip((x - {Num(encoding.Center)}) / {Num(encoding.Scale)}, -{Num(clip)}, {Num(clip)}).", name));
                        var centered = Node("Sub", [name, Constant($"{name}_center", [encoding.Center])]);
                        var scaled = Node("Div", [centered, Constant($"{name}_scale", [encoding.Scale])]);
                        var clipped = Node("Clip", [scaled, clipLow, clipHigh]);
                        var missing = Node("IsNaN", [name]);
                        var filled = Node("Where", [missing, zero, clipped]);
                        numericParts.Add(Node("Cast", [filled], Int("to", TypeFloat)));
                        if (encoding.MissingIndicator)
                        {
                            numericParts.Add(Node("Cast", [missing], Int("to", TypeFloat)));
                        }

                        break;
                    }

                    case ColumnEncodingKind.DateTime:
                    {
                        var width = encoding.NumericWidth;
                        Graph.Inputs.Add(new ValueInfo(name, TypeFloat, "N", width));
                        specs.Add(new OnnxTensorSpec(name, "float32", ["N", width.ToString(CultureInfo.InvariantCulture)],
                            $"Features of the datetime '{name}', computed outside the graph: [0] clip((year + (dayOfYear - 1) / 366 - {Num(encoding.Center)}) / {Num(encoding.Scale)}, -{Num(clip)}, {Num(clip)}), [1,2] sin/cos(2π (month - 1) / 12), [3,4] sin/cos(2π dayOfWeek / 7) with Sunday = 0, [5,6] sin/cos(2π minuteOfDay / 1440){(encoding.MissingIndicator ? ", [7] 1 when missing else 0" : string.Empty)}; all zeros when missing.", name));
                        numericParts.Add(name);
                        break;
                    }

                    case ColumnEncodingKind.Categorical:
                    {
                        Graph.Inputs.Add(new ValueInfo(name, TypeString, "N", 1));
                        var vocabulary = encoding.Vocabulary ?? [];
                        specs.Add(new OnnxTensorSpec(name, "string", ["N", "1"],
                            $"The category of '{name}' as text; one of the {vocabulary.Count} values of the vocabulary in the sidecar's preprocessing, anything else (or \"\" for missing) is the unknown bucket.", name));
                        var indices = Node("LabelEncoder", [name], domain: "ai.onnx.ml", attributes:
                        [
                            new Attr { Name = "keys_strings", StringList = vocabulary },
                            new Attr { Name = "values_int64s", Ints = [.. Enumerable.Range(1, vocabulary.Count).Select(i => (long)i)] },
                            new Attr { Name = "default_int64", I = 0 },
                        ]);
                        categoryIndices.Add(indices);
                        categoryIndexIs2D.Add(true);
                        break;
                    }
                }
            }

            if (numericParts.Count > 0)
            {
                numericFeatures = numericParts.Count == 1 ? numericParts[0] : Node("Concat", numericParts, Int("axis", 1));
            }

            return specs;
        }

        public List<OnnxTensorSpec> EncodedInputs()
        {
            var specs = new List<OnnxTensorSpec>();
            var width = network.NumericInputs;
            if (width > 0)
            {
                Graph.Inputs.Add(new ValueInfo("numeric", TypeFloat, "N", width));
                specs.Add(new OnnxTensorSpec("numeric", "float32", ["N", width.ToString(CultureInfo.InvariantCulture)],
                    "The numeric features of FittedPreprocessor.Transform (robust-scaled, clipped numbers with missing indicators, datetime parts), in the order of the sidecar's preprocessing columns."));
                numericFeatures = "numeric";
            }

            var count = network.Categories.Count;
            if (count > 0)
            {
                Graph.Inputs.Add(new ValueInfo("categories", TypeInt64, "N", count));
                specs.Add(new OnnxTensorSpec("categories", "int64", ["N", count.ToString(CultureInfo.InvariantCulture)],
                    "Vocabulary indices of the categorical columns (1 + position in the vocabulary; 0 = unknown or missing), in the order of the categorical columns of the sidecar's preprocessing.",
                    Labels: [.. network.Categories.Select(c => c.Column)]));
                for (var i = 0; i < count; i++)
                {
                    categoryIndices.Add(Node("Gather", ["categories", Int64Constant($"category_{i}", i)], Int("axis", 1)));
                    categoryIndexIs2D.Add(false);
                }
            }

            return specs;
        }

        public List<OnnxTensorSpec> Network(bool includeHead)
        {
            var parts = new List<string>();
            if (numericFeatures.Length > 0)
            {
                parts.Add(numericFeatures);
            }

            for (var i = 0; i < network.Categories.Count; i++)
            {
                var table = network.Categories[i];
                var tableName = $"embedding_{i}_{table.Column}";
                Graph.Initializers.Add(Tensor.Floats(tableName, table.Values, table.Cardinality, table.Dimension));
                var gathered = Node("Gather", [tableName, categoryIndices[i]], Int("axis", 0));
                parts.Add(categoryIndexIs2D[i]
                    ? Node("Reshape", [gathered, Int64Constant($"shape_{i}", [-1, table.Dimension])])
                    : gathered);
            }

            var x = parts.Count == 1 ? parts[0] : Node("Concat", parts, Int("axis", 1));
            for (var i = 0; i < network.Layers.Count; i++)
            {
                var last = i == network.Layers.Count - 1;
                x = Dense(network.Layers[i], $"layer{i}", x, last ? "embedding" : null);
            }

            Graph.Outputs.Add(new ValueInfo("embedding", TypeFloat, "N", network.EmbeddingDimension));
            var outputs = new List<OnnxTensorSpec>
            {
                new("embedding", "float32", ["N", network.EmbeddingDimension.ToString(CultureInfo.InvariantCulture)], "The encoder output (the embedding), one row per input row."),
            };
            if (includeHead && network.Head is { } head && network.Classes is { } classes)
            {
                var logits = Dense(head, "head", x, null);
                Graph.Nodes.Add(new Node { OpType = "Softmax", Name = "softmax", Inputs = [logits], Outputs = ["probabilities"], Attributes = [Int("axis", 1)] });
                Graph.Outputs.Add(new ValueInfo("probabilities", TypeFloat, "N", classes.Count));
                outputs.Add(new OnnxTensorSpec("probabilities", "float32", ["N", classes.Count.ToString(CultureInfo.InvariantCulture)], "Class probabilities (softmax of the head), columns in the order of labels.", Labels: classes));
            }

            return outputs;
        }

        private string Dense(DenseLayer layer, string prefix, string input, string? outputName)
        {
            Graph.Initializers.Add(Tensor.Floats($"{prefix}_weight", layer.Weight, layer.Outputs, layer.Inputs));
            Graph.Initializers.Add(Tensor.Floats($"{prefix}_bias", layer.Bias, layer.Outputs));
            var steps = 1 + (layer.NormScale is not null ? 1 : 0) + (layer.Relu ? 1 : 0);
            var step = 0;
            string Out() => ++step == steps && outputName is not null ? outputName : Fresh();
            var y = Emit("Gemm", [input, $"{prefix}_weight", $"{prefix}_bias"], Out(), Int("transB", 1));
            if (layer.NormScale is { } scale)
            {
                Graph.Initializers.Add(Tensor.Floats($"{prefix}_norm_scale", scale, layer.Outputs));
                Graph.Initializers.Add(Tensor.Floats($"{prefix}_norm_bias", layer.NormBias!, layer.Outputs));
                y = Emit("LayerNormalization", [y, $"{prefix}_norm_scale", $"{prefix}_norm_bias"], Out(), Int("axis", -1), new Attr { Name = "epsilon", F = (float)layer.NormEpsilon });
            }

            if (layer.Relu)
            {
                y = Emit("Relu", [y], Out());
            }

            return y;
        }

        private string Constant(string name, double[] values)
        {
            Graph.Initializers.Add(Tensor.Doubles(name, values, 1));
            return name;
        }

        private string Int64Constant(string name, long value)
        {
            Graph.Initializers.Add(Tensor.Int64s(name, [value]));
            return name;
        }

        private string Int64Constant(string name, long[] values)
        {
            Graph.Initializers.Add(Tensor.Int64s(name, values, values.Length));
            return name;
        }

        private string Node(string op, IReadOnlyList<string> inputs, params Attr[] attributes) => Emit(op, inputs, Fresh(), attributes);

        private string Node(string op, IReadOnlyList<string> inputs, string domain, Attr[] attributes)
        {
            var output = Fresh();
            Graph.Nodes.Add(new Node { OpType = op, Name = $"{op.ToLowerInvariant()}_{counter}", Inputs = inputs, Outputs = [output], Domain = domain, Attributes = attributes });
            return output;
        }

        private string Emit(string op, IReadOnlyList<string> inputs, string output, params Attr[] attributes)
        {
            Graph.Nodes.Add(new Node { OpType = op, Name = $"{op.ToLowerInvariant()}_{counter++}", Inputs = inputs, Outputs = [output], Attributes = attributes });
            return output;
        }

        private string Fresh() => $"t{counter++}";

        private static Attr Int(string name, long value) => new() { Name = name, I = value };

        private static string Num(double value) => value.ToString("R", CultureInfo.InvariantCulture);
    }
}
