using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using LatentOps.Core.Serialization;
using LatentOps.Core.Tables;
using LatentOps.Data.Pii;
using LatentOps.Learning.Packaging;
using LatentOps.Serving.Apis;
using LatentOps.Serving.Inference;
using LatentOps.Serving.RequestLogging;

namespace LatentOps.Benchmarks.Serving;

/// <summary>
/// Per-stage cost of one /predict request, in process, without HTTP (driven by
/// <c>serving stages --export DIR [--seconds S]</c> after <c>serving local</c> wrote DIR): the request
/// path's stages one by one, each in a loop, reported as CPU microseconds per request (process CPU
/// time, so other engineers' load on the machine inflates it less than wall time would).
/// </summary>
internal static class HttpStages
{
    private static readonly int[] Sizes = [1, 32, 256];

    public static Dictionary<string, object> Run(string export, double seconds)
    {
        using var model = ModelPackage.Load(Path.Combine(export, "model.lopkg"));
        var manifest = ModelPackage.ReadManifest(Path.Combine(export, "model.lopkg"));
        var inputs = manifest.Signature.Inputs.Select(i => new InputColumn(i.Name, i.Type, i.Nullable)).ToList();
        using var runtime = TabularRuntimes.Create(ServingRuntime.Int8, model, 1);
        var rows = JsonSerializer.Deserialize<List<JsonElement>>(File.ReadAllText(Path.Combine(export, "rows.json")))!;
        var web = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var encoder = new RequestEncoder(inputs, model.Preprocessor);
        var result = new Dictionary<string, object>();
        foreach (var size in Sizes)
        {
            var body = Encoding.UTF8.GetBytes("{\"rows\":[" + string.Join(',', Enumerable.Range(0, size).Select(j => rows[j % rows.Count].GetRawText())) + "]}");
            var element = JsonSerializer.Deserialize<JsonElement>(body, web).GetProperty("rows");
            var table = RowBinder.Bind(element, inputs, 4096);
            var encoded = model.Preprocessor.Transform(table);
            var (embeddings, probabilities) = runtime.Run(encoded, withProbabilities: true);
            var dimension = embeddings.Length / size;
            var classes = model.Classes!;
            var cache = new RedactionCache();
            var sampledRows = encoder.EncodeBody(body, 4096, keepRows: false, logRows: true).Log!;
            var stages = new Dictionary<string, double>
            {
                ["parse: JsonDocument of the body (old)"] = Measure(seconds, () => JsonSerializer.Deserialize<JsonElement>(body, web)),
                ["bind: RowBinder to Table (old)"] = Measure(seconds, () => RowBinder.Bind(element, inputs, 4096)),
                ["preprocess: FittedPreprocessor.Transform (old)"] = Measure(seconds, () => model.Preprocessor.Transform(table)),
                ["parse+bind+preprocess: RequestEncoder (new)"] = Measure(seconds, () => encoder.EncodeBody(body, 4096, keepRows: false)),
                ["parse+bind+preprocess+typed rows for the log: RequestEncoder (before, sampled request)"] = Measure(seconds, () => encoder.EncodeBody(body, 4096, keepRows: true)),
                ["parse+bind+preprocess+rows as sent for the log: RequestEncoder (now, sampled request)"] = Measure(seconds, () => encoder.EncodeBody(body, 4096, keepRows: false, logRows: true)),
                ["runtime: int8 forward pass, 1 thread"] = Measure(seconds, () => runtime.Run(encoded, withProbabilities: true)),
                ["respond: records + reflection JsonSerializer (old)"] = Measure(seconds, () => OldResponse(probabilities!, classes, size)),
                ["respond: Utf8JsonWriter (new)"] = Measure(seconds, () => NewResponse(probabilities!, classes, size)),
                ["log: PiiDetector.Redact + rows JSON (old, background writer)"] = Measure(seconds, () => RequestLogger.RowsJson(PiiDetector.Redact(table).Table)),
                ["log: RedactionCache + rows JSON + outputs JSON (before, background writer)"] = Measure(seconds, () => RequestLogger.RowsJson(cache.Redact(table)) + OldLoggedOutputs(probabilities!, classes, size)),
                ["log: rows as sent + outputs JSON with embedding norms (now, background writer)"] = Measure(seconds, () => (sampledRows.ToLogUtf8(cache.Redact), ModelResponses.LoggedPredictionsJson(probabilities!, classes, embeddings, dimension))),
            };
            result[size.ToString(CultureInfo.InvariantCulture)] = stages.ToDictionary(s => s.Key, s => Math.Round(s.Value, 1));
        }

        return new Dictionary<string, object> { ["cpuMicrosecondsPerRequest"] = result };
    }

    private static object OldResponse(float[] probabilities, IReadOnlyList<string> classes, int rows)
    {
        var id = Guid.NewGuid().ToString("N");
        var predictions = new List<Dictionary<string, object>>(rows);
        for (var r = 0; r < rows; r++)
        {
            var p = new Dictionary<string, double>(classes.Count, StringComparer.Ordinal);
            for (var c = 0; c < classes.Count; c++)
            {
                p[classes[c]] = probabilities[(r * classes.Count) + c];
            }

            predictions.Add(new Dictionary<string, object> { ["predictionId"] = $"{id}-{r}", ["label"] = classes[0], ["probabilities"] = p });
        }

        return JsonSerializer.SerializeToUtf8Bytes(new { requestId = id, model = "loans", version = 1, predictions }, LatentOpsJson.Compact);
    }

    /// <summary>The predict outputs as the request log kept them before: doubles, no embedding summary.</summary>
    private static string OldLoggedOutputs(float[] probabilities, IReadOnlyList<string> classes, int rows)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(64 + (rows * 80));
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            for (var r = 0; r < rows; r++)
            {
                json.WriteStartObject();
                json.WriteString("label"u8, classes[0]);
                json.WritePropertyName("probabilities"u8);
                json.WriteStartObject();
                for (var c = 0; c < classes.Count; c++)
                {
                    json.WriteNumber(classes[c], (double)probabilities[(r * classes.Count) + c]);
                }

                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static object NewResponse(float[] probabilities, IReadOnlyList<string> classes, int rows)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256 + (rows * 96));
        ModelResponses.WritePredict(buffer, Guid.NewGuid().ToString("N"), "loans", 1, classes, probabilities, rows, null);
        return buffer;
    }

    /// <summary>CPU microseconds per call of <paramref name="stage"/>, looping for about <paramref name="seconds"/>.</summary>
    private static double Measure(double seconds, Func<object> stage)
    {
        for (var i = 0; i < 200; i++)
        {
            stage();
        }

        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpu = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var n = 0;
        while (watch.Elapsed.TotalSeconds < seconds)
        {
            for (var i = 0; i < 16; i++)
            {
                stage();
            }

            n += 16;
        }

        process.Refresh();
        return (process.TotalProcessorTime - cpu).TotalMicroseconds / n;
    }
}
