using Google.Protobuf;

namespace LatentOps.Learning.Export;

/// <summary>
/// The few ONNX protobuf messages the exporter writes (ModelProto, GraphProto, NodeProto, TensorProto,
/// ValueInfoProto, AttributeProto, OperatorSetIdProto, StringStringEntryProto), encoded with
/// Google.Protobuf's <see cref="CodedOutputStream"/>. Field numbers are those of onnx.proto
/// (ONNX 1.12, IR version 8).
/// </summary>
internal static class OnnxProto
{
    public const int IrVersion = 8;

    // TensorProto.DataType
    public const int TypeFloat = 1;
    public const int TypeInt64 = 7;
    public const int TypeString = 8;
    public const int TypeBool = 9;
    public const int TypeDouble = 11;

    // AttributeProto.AttributeType
    private const int AttrFloat = 1;
    private const int AttrInt = 2;
    private const int AttrString = 3;
    private const int AttrInts = 7;
    private const int AttrStrings = 8;

    internal abstract class Message
    {
        public abstract void WriteTo(CodedOutputStream output);

        public byte[] ToBytes()
        {
            using var buffer = new MemoryStream();
            var output = new CodedOutputStream(buffer, leaveOpen: true);
            WriteTo(output);
            output.Flush();
            return buffer.ToArray();
        }

        protected static void WriteMessage(CodedOutputStream output, int field, Message message)
        {
            output.WriteTag(field, WireFormat.WireType.LengthDelimited);
            output.WriteBytes(ByteString.CopyFrom(message.ToBytes()));
        }

        protected static void WriteString(CodedOutputStream output, int field, string? value)
        {
            if (value is null)
            {
                return;
            }

            output.WriteTag(field, WireFormat.WireType.LengthDelimited);
            output.WriteString(value);
        }

        protected static void WriteInt64(CodedOutputStream output, int field, long value)
        {
            output.WriteTag(field, WireFormat.WireType.Varint);
            output.WriteInt64(value);
        }
    }

    /// <summary>OperatorSetIdProto: domain = 1, version = 2.</summary>
    internal sealed class OpsetId(string domain, long version) : Message
    {
        public override void WriteTo(CodedOutputStream output)
        {
            WriteString(output, 1, domain);
            WriteInt64(output, 2, version);
        }
    }

    /// <summary>StringStringEntryProto: key = 1, value = 2.</summary>
    internal sealed class Entry(string key, string value) : Message
    {
        public override void WriteTo(CodedOutputStream output)
        {
            WriteString(output, 1, key);
            WriteString(output, 2, value);
        }
    }

    /// <summary>TensorProto: dims = 1, data_type = 2, string_data = 6, name = 8, raw_data = 9.</summary>
    internal sealed class Tensor : Message
    {
        public required string Name { get; init; }

        public required int DataType { get; init; }

        public required long[] Dims { get; init; }

        /// <summary>Little-endian element bytes (numeric types).</summary>
        public byte[]? Raw { get; init; }

        /// <summary>Elements of a string tensor.</summary>
        public IReadOnlyList<string>? Strings { get; init; }

        public static Tensor Floats(string name, float[] values, params long[] dims) =>
            new() { Name = name, DataType = TypeFloat, Dims = dims, Raw = System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()).ToArray() };

        public static Tensor Doubles(string name, double[] values, params long[] dims) =>
            new() { Name = name, DataType = TypeDouble, Dims = dims, Raw = System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()).ToArray() };

        public static Tensor Int64s(string name, long[] values, params long[] dims) =>
            new() { Name = name, DataType = TypeInt64, Dims = dims, Raw = System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()).ToArray() };

        public override void WriteTo(CodedOutputStream output)
        {
            if (!BitConverter.IsLittleEndian)
            {
                throw new PlatformNotSupportedException("ONNX raw_data is little-endian; this exporter runs on little-endian machines only.");
            }

            foreach (var dim in Dims)
            {
                WriteInt64(output, 1, dim);
            }

            output.WriteTag(2, WireFormat.WireType.Varint);
            output.WriteInt32(DataType);
            foreach (var s in Strings ?? [])
            {
                output.WriteTag(6, WireFormat.WireType.LengthDelimited);
                output.WriteBytes(ByteString.CopyFromUtf8(s));
            }

            WriteString(output, 8, Name);
            if (Raw is not null)
            {
                output.WriteTag(9, WireFormat.WireType.LengthDelimited);
                output.WriteBytes(ByteString.CopyFrom(Raw));
            }
        }
    }

    /// <summary>
    /// ValueInfoProto (name = 1, type = 2) with TypeProto.tensor_type = 1, TypeProto.Tensor (elem_type = 1,
    /// shape = 2), TensorShapeProto.dim = 1, Dimension (dim_value = 1, dim_param = 2).
    /// </summary>
    internal sealed class ValueInfo(string name, int elementType, params object[] dims) : Message
    {
        public override void WriteTo(CodedOutputStream output)
        {
            WriteString(output, 1, name);
            WriteMessage(output, 2, new Raw(type =>
                WriteMessage(type, 1, new Raw(tensor =>
                {
                    tensor.WriteTag(1, WireFormat.WireType.Varint);
                    tensor.WriteInt32(elementType);
                    WriteMessage(tensor, 2, new Raw(shape =>
                    {
                        foreach (var dim in dims)
                        {
                            WriteMessage(shape, 1, new Raw(d =>
                            {
                                if (dim is string symbol)
                                {
                                    WriteString(d, 2, symbol);
                                }
                                else
                                {
                                    WriteInt64(d, 1, Convert.ToInt64(dim, System.Globalization.CultureInfo.InvariantCulture));
                                }
                            }));
                        }
                    }));
                }))));
        }
    }

    /// <summary>
    /// AttributeProto: name = 1, f = 2, i = 3, s = 4, ints = 8, strings = 9, type = 20.
    /// </summary>
    internal sealed class Attr : Message
    {
        public required string Name { get; init; }

        public float? F { get; init; }

        public long? I { get; init; }

        public string? S { get; init; }

        public long[]? Ints { get; init; }

        public IReadOnlyList<string>? StringList { get; init; }

        public override void WriteTo(CodedOutputStream output)
        {
            WriteString(output, 1, Name);
            int type;
            if (F is { } f)
            {
                output.WriteTag(2, WireFormat.WireType.Fixed32);
                output.WriteFloat(f);
                type = AttrFloat;
            }
            else if (I is { } i)
            {
                WriteInt64(output, 3, i);
                type = AttrInt;
            }
            else if (S is { } s)
            {
                output.WriteTag(4, WireFormat.WireType.LengthDelimited);
                output.WriteBytes(ByteString.CopyFromUtf8(s));
                type = AttrString;
            }
            else if (Ints is { } ints)
            {
                foreach (var v in ints)
                {
                    WriteInt64(output, 8, v);
                }

                type = AttrInts;
            }
            else if (StringList is { } strings)
            {
                foreach (var v in strings)
                {
                    output.WriteTag(9, WireFormat.WireType.LengthDelimited);
                    output.WriteBytes(ByteString.CopyFromUtf8(v));
                }

                type = AttrStrings;
            }
            else
            {
                throw new InvalidOperationException($"Attribute {Name} has no value.");
            }

            output.WriteTag(20, WireFormat.WireType.Varint);
            output.WriteEnum(type);
        }
    }

    /// <summary>NodeProto: input = 1, output = 2, name = 3, op_type = 4, attribute = 5, domain = 7.</summary>
    internal sealed class Node : Message
    {
        public required string OpType { get; init; }

        public required string Name { get; init; }

        public required IReadOnlyList<string> Inputs { get; init; }

        public required IReadOnlyList<string> Outputs { get; init; }

        public string? Domain { get; init; }

        public IReadOnlyList<Attr> Attributes { get; init; } = [];

        public override void WriteTo(CodedOutputStream output)
        {
            foreach (var input in Inputs)
            {
                WriteString(output, 1, input);
            }

            foreach (var o in Outputs)
            {
                WriteString(output, 2, o);
            }

            WriteString(output, 3, Name);
            WriteString(output, 4, OpType);
            foreach (var attribute in Attributes)
            {
                WriteMessage(output, 5, attribute);
            }

            WriteString(output, 7, Domain);
        }
    }

    /// <summary>GraphProto: node = 1, name = 2, initializer = 5, doc_string = 10, input = 11, output = 12.</summary>
    internal sealed class Graph : Message
    {
        public required string Name { get; init; }

        public List<Node> Nodes { get; } = [];

        public List<Tensor> Initializers { get; } = [];

        public List<ValueInfo> Inputs { get; } = [];

        public List<ValueInfo> Outputs { get; } = [];

        public string? Doc { get; init; }

        public override void WriteTo(CodedOutputStream output)
        {
            foreach (var node in Nodes)
            {
                WriteMessage(output, 1, node);
            }

            WriteString(output, 2, Name);
            foreach (var tensor in Initializers)
            {
                WriteMessage(output, 5, tensor);
            }

            WriteString(output, 10, Doc);
            foreach (var input in Inputs)
            {
                WriteMessage(output, 11, input);
            }

            foreach (var o in Outputs)
            {
                WriteMessage(output, 12, o);
            }
        }
    }

    /// <summary>
    /// ModelProto: ir_version = 1, producer_name = 2, producer_version = 3, doc_string = 6, graph = 7,
    /// opset_import = 8, metadata_props = 14.
    /// </summary>
    internal sealed class Model : Message
    {
        public required Graph Graph { get; init; }

        public required IReadOnlyList<OpsetId> Opsets { get; init; }

        public string ProducerName { get; init; } = "LatentOps";

        public string? ProducerVersion { get; init; }

        public string? Doc { get; init; }

        public IReadOnlyList<Entry> Metadata { get; init; } = [];

        public override void WriteTo(CodedOutputStream output)
        {
            WriteInt64(output, 1, IrVersion);
            WriteString(output, 2, ProducerName);
            WriteString(output, 3, ProducerVersion);
            WriteString(output, 6, Doc);
            WriteMessage(output, 7, Graph);
            foreach (var opset in Opsets)
            {
                WriteMessage(output, 8, opset);
            }

            foreach (var entry in Metadata)
            {
                WriteMessage(output, 14, entry);
            }
        }
    }

    /// <summary>A nested message written by a callback (the small type and shape messages).</summary>
    private sealed class Raw(Action<CodedOutputStream> write) : Message
    {
        public override void WriteTo(CodedOutputStream output) => write(output);
    }
}
