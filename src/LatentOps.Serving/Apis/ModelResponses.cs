using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace LatentOps.Serving.Apis;

/// <summary>
/// Writes the /predict and /embed answers with <see cref="Utf8JsonWriter"/> straight from the runtime's
/// output arrays (no per-row dictionaries or records, no reflection). The JSON is the shape
/// <see cref="ModelsApi.PredictResponse"/> and <see cref="ModelsApi.EmbedResponse"/> describe in the
/// OpenAPI document: camelCase, <c>unknownCategories</c> left out when empty, non-finite numbers as the
/// named literals LatentOps JSON allows.
/// </summary>
internal static class ModelResponses
{
    private static readonly JsonWriterOptions Options = new() { SkipValidation = true };

    /// <summary>The /predict answer: one prediction per row with its id (<c>REQUESTID-ROW</c>), best label and class probabilities.</summary>
    public static void WritePredict(IBufferWriter<byte> output, string requestId, string model, int version, IReadOnlyList<string> classes, float[] probabilities, int rows, IReadOnlyDictionary<string, int>? unknown)
    {
        using var json = new Utf8JsonWriter(output, Options);
        json.WriteStartObject();
        WriteHeader(json, requestId, model, version);
        json.WritePropertyName("predictions"u8);
        json.WriteStartArray();
        Span<char> id = stackalloc char[requestId.Length + 12];
        requestId.CopyTo(id);
        id[requestId.Length] = '-';
        var classCount = classes.Count;
        for (var r = 0; r < rows; r++)
        {
            var row = probabilities.AsSpan(r * classCount, classCount);
            var best = 0;
            for (var c = 1; c < classCount; c++)
            {
                best = row[c] > row[best] ? c : best;
            }

            json.WriteStartObject();
            r.TryFormat(id[(requestId.Length + 1)..], out var digits, default, CultureInfo.InvariantCulture);
            json.WriteString("predictionId"u8, id[..(requestId.Length + 1 + digits)]);
            json.WriteString("label"u8, classes[best]);
            json.WritePropertyName("probabilities"u8);
            json.WriteStartObject();
            for (var c = 0; c < classCount; c++)
            {
                json.WritePropertyName(classes[c]);
                WriteNumber(json, row[c]);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        WriteUnknown(json, unknown);
        json.WriteEndObject();
    }

    /// <summary>The /embed answer: one vector per row.</summary>
    public static void WriteEmbed(IBufferWriter<byte> output, string requestId, string model, int version, int dimension, float[] embeddings, int rows, IReadOnlyDictionary<string, int>? unknown)
    {
        using var json = new Utf8JsonWriter(output, Options);
        json.WriteStartObject();
        WriteHeader(json, requestId, model, version);
        json.WriteNumber("dimension"u8, dimension);
        json.WritePropertyName("embeddings"u8);
        json.WriteStartArray();
        for (var r = 0; r < rows; r++)
        {
            json.WriteStartArray();
            foreach (var value in embeddings.AsSpan(r * dimension, dimension))
            {
                if (float.IsFinite(value))
                {
                    json.WriteNumberValue(value);
                }
                else
                {
                    json.WriteStringValue(value.ToString(CultureInfo.InvariantCulture));
                }
            }

            json.WriteEndArray();
        }

        json.WriteEndArray();
        WriteUnknown(json, unknown);
        json.WriteEndObject();
    }

    /// <summary>
    /// The /predict outputs as the request log keeps them, per row: the label, the class probabilities
    /// (as float32, the runtime's precision) and the embedding's L2 norm as its summary:
    /// <c>[{"label": ..., "probabilities": {class: p}, "norm": n}]</c>.
    /// </summary>
    public static ReadOnlyMemory<byte> LoggedPredictionsJson(float[] probabilities, IReadOnlyList<string> classes, float[] embeddings, int dimension)
    {
        var classCount = classes.Count;
        var rows = probabilities.Length / classCount;
        var buffer = new ArrayBufferWriter<byte>(64 + (rows * (48 + (classCount * 24))));
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartArray();
            for (var r = 0; r < rows; r++)
            {
                var row = probabilities.AsSpan(r * classCount, classCount);
                var best = 0;
                for (var c = 1; c < classCount; c++)
                {
                    best = row[c] > row[best] ? c : best;
                }

                json.WriteStartObject();
                json.WriteString("label"u8, classes[best]);
                json.WritePropertyName("probabilities"u8);
                json.WriteStartObject();
                for (var c = 0; c < classCount; c++)
                {
                    json.WritePropertyName(classes[c]);
                    WriteFloat(json, row[c]);
                }

                json.WriteEndObject();
                json.WritePropertyName("norm"u8);
                WriteFloat(json, Norm(embeddings, r, dimension));
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return buffer.WrittenMemory;
    }

    /// <summary>The /embed outputs as the request log keeps them: <c>[{"norm": L2 norm}]</c> per row (the inputs are logged, so the vectors can be recomputed).</summary>
    public static ReadOnlyMemory<byte> LoggedEmbeddingsJson(float[] embeddings, int dimension)
    {
        var buffer = new ArrayBufferWriter<byte>(64 + (embeddings.Length / dimension * 24));
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartArray();
            for (var offset = 0; offset < embeddings.Length; offset += dimension)
            {
                json.WriteStartObject();
                json.WritePropertyName("norm"u8);
                WriteFloat(json, Norm(embeddings, offset / dimension, dimension));
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return buffer.WrittenMemory;
    }

    private static float Norm(float[] embeddings, int row, int dimension)
    {
        var vector = embeddings.AsSpan(row * dimension, dimension);
        return MathF.Sqrt(System.Numerics.Tensors.TensorPrimitives.Dot<float>(vector, vector));
    }

    private static void WriteFloat(Utf8JsonWriter json, float value)
    {
        if (float.IsFinite(value))
        {
            json.WriteNumberValue(value);
        }
        else
        {
            json.WriteStringValue(value.ToString(CultureInfo.InvariantCulture));
        }
    }

    private static void WriteHeader(Utf8JsonWriter json, string requestId, string model, int version)
    {
        json.WriteString("requestId"u8, requestId);
        json.WriteString("model"u8, model);
        json.WriteNumber("version"u8, version);
    }

    private static void WriteNumber(Utf8JsonWriter json, float value)
    {
        // Probabilities have always been answered as doubles (the float widened), as before.
        double wide = value;
        if (double.IsFinite(wide))
        {
            json.WriteNumberValue(wide);
        }
        else
        {
            json.WriteStringValue(wide.ToString(CultureInfo.InvariantCulture));
        }
    }

    private static void WriteUnknown(Utf8JsonWriter json, IReadOnlyDictionary<string, int>? unknown)
    {
        if (unknown is not { Count: > 0 })
        {
            return;
        }

        json.WritePropertyName("unknownCategories"u8);
        json.WriteStartObject();
        foreach (var (column, count) in unknown)
        {
            json.WriteNumber(column, count);
        }

        json.WriteEndObject();
    }
}
