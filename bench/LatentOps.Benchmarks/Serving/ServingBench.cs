using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using LatentOps.Core.Tables;
using LatentOps.Data.Reading;
using LatentOps.Learning.Encoders;
using LatentOps.Learning.Export;
using LatentOps.Learning.Objectives;
using LatentOps.Learning.Packaging;
using LatentOps.Learning.Preprocessing;
using LatentOps.Learning.Torch;
using LatentOps.Learning.Training;
using LatentOps.Serving.Inference;

namespace LatentOps.Benchmarks.Serving;

/// <summary>
/// Serving side-by-side (driven by bench/scripts/serving_bench.sh):
///   serving local --data CSV --export DIR [--threads T] [--epochs E] [--seconds S]
///     trains a supervised lending_club model (4 x 256, 64-d, the defaults), reports int8 vs fp32
///     accuracy/AUC/recall@10 on held-out rows and in-process rows/s of every runtime at batch 1, 32, 256;
///     writes the weights and the preprocessed rows as .npy for the PyTorch reference, and the package.
///   serving http ... / serving serve ...: the HTTP load half, see <see cref="HttpLoad"/>.
///   serving stages --export DIR [--seconds S]: the request path stage by stage, see <see cref="HttpStages"/>.
/// Prints one JSON document.
/// </summary>
internal static class ServingBench
{
    private static readonly int[] Batches = [1, 32, 256];

    public static async Task<int> RunAsync(string[] args)
    {
        var options = Args(args[1..]);
        var export = options["export"];
        if (args[0] == "serve")
        {
            return await HttpLoad.ServeAsync(export, Enum.Parse<ServingRuntime>(options["runtime"]), options["batching"] == "on", int.Parse(options.GetValueOrDefault("threads", "1"), CultureInfo.InvariantCulture),
                double.Parse(options.GetValueOrDefault("log-sample", "1"), CultureInfo.InvariantCulture));
        }

        var threads = int.Parse(options.GetValueOrDefault("threads", "1"), CultureInfo.InvariantCulture);
        var seconds = double.Parse(options.GetValueOrDefault("seconds", "2"), CultureInfo.InvariantCulture);
        Directory.CreateDirectory(export);
        var result = args[0] switch
        {
            "local" => await LocalAsync(options["data"], export, threads, int.Parse(options.GetValueOrDefault("epochs", "5"), CultureInfo.InvariantCulture), seconds),
            "http" => await HttpLoad.RunAsync(export, threads, seconds, int.Parse(options.GetValueOrDefault("concurrency", "16"), CultureInfo.InvariantCulture),
                [.. options.GetValueOrDefault("sizes", "1,32,256").Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture))],
                double.Parse(options.GetValueOrDefault("log-sample", "1"), CultureInfo.InvariantCulture)),
            "stages" => HttpStages.Run(export, seconds),
            _ => throw new ArgumentException("serving local|http|stages"),
        };
        Console.WriteLine(JsonSerializer.Serialize(result));
        return 0;
    }

    private static async Task<Dictionary<string, object>> LocalAsync(string data, string export, int threads, int epochs, double seconds)
    {
        TorchRuntime.Configure(threads);
        var table = await TableReader.ReadAsync(data);
        var order = Enumerable.Range(0, table.RowCount).OrderBy(i => (i * 7919L) % table.RowCount).ToArray();
        var cut = table.RowCount * 8 / 10;
        var train = table.Take(order[..cut]);
        var test = table.Take(order[cut..]);
        var watch = Stopwatch.StartNew();
        using var model = new TabularTrainer(new TrainingOptions { Objective = TrainingObjective.Supervised, LabelColumn = "Class", Epochs = epochs, Seed = 1, Threads = threads }).Fit(train).Model;
        var trainSeconds = watch.Elapsed.TotalSeconds;
        ModelPackage.Save(model, Path.Combine(export, "model.lopkg"));
        File.WriteAllText(Path.Combine(export, "rows.json"), RowsJson(test, model.Preprocessor, 256));

        var encoded = model.Preprocessor.Transform(test);
        var labels = ((StringColumn)test["Class"]).Values.ToArray().Select(v => v == "good").ToArray();
        var good = model.Classes!.ToList().IndexOf("good");
        var runtimes = Enum.GetValues<ServingRuntime>().ToDictionary(k => k, k => TabularRuntimes.Create(k, model, threads));
        var outputs = runtimes.ToDictionary(r => r.Key, r => r.Value.Run(encoded, withProbabilities: true));
        var quality = new Dictionary<string, object>();
        foreach (var (kind, (embeddings, probabilities)) in outputs)
        {
            quality[Name(kind)] = new
            {
                accuracy = Accuracy(probabilities!, good, labels),
                auc = Auc(probabilities!, good, labels),
                maxProbabilityDifference = MaxDifference(outputs[ServingRuntime.Fp32].Probabilities!, probabilities!),
                maxEmbeddingDifference = MaxDifference(outputs[ServingRuntime.Fp32].Embeddings, embeddings),
                recallAt10 = RecallAt10(outputs[ServingRuntime.Fp32].Embeddings, embeddings, model.EmbeddingDimension, 1000, 200),
            };
        }

        WriteReference(export, model, encoded, outputs[ServingRuntime.Fp32]);
        var speed = new Dictionary<string, object>();
        foreach (var (kind, runtime) in runtimes)
        {
            var perBatch = new Dictionary<string, double>();
            foreach (var batch in Batches)
            {
                perBatch[batch.ToString(CultureInfo.InvariantCulture)] = RowsPerSecond(runtime, encoded, batch, seconds);
            }

            speed[Name(kind)] = perBatch;
        }

        foreach (var runtime in runtimes.Values)
        {
            runtime.Dispose();
        }

        return new Dictionary<string, object>
        {
            ["threads"] = threads,
            ["trainRows"] = train.RowCount,
            ["testRows"] = test.RowCount,
            ["epochs"] = epochs,
            ["trainSeconds"] = Math.Round(trainSeconds, 1),
            ["architecture"] = model.Architecture.Describe(),
            ["avx2"] = DenseKernels.Avx2Available,
            ["quality"] = quality,
            ["rowsPerSecond"] = speed,
        };
    }

    private static double RowsPerSecond(ITabularRuntime runtime, EncodedTable encoded, int batch, double seconds)
    {
        var slices = Enumerable.Range(0, 8).Select(i => Slice(encoded, (i * batch * 3) % Math.Max(1, encoded.Rows - batch), batch)).ToArray();
        for (var i = 0; i < 3; i++)
        {
            runtime.Run(slices[i % slices.Length], withProbabilities: true);
        }

        var rows = 0L;
        var watch = Stopwatch.StartNew();
        var n = 0;
        while (watch.Elapsed.TotalSeconds < seconds)
        {
            runtime.Run(slices[n++ % slices.Length], withProbabilities: true);
            rows += batch;
        }

        return Math.Round(rows / watch.Elapsed.TotalSeconds);
    }

    private static EncodedTable Slice(EncodedTable e, int start, int count) => new(
        count, e.NumericWidth, e.CategoryCount,
        e.Numeric.AsSpan(start * e.NumericWidth, count * e.NumericWidth).ToArray(),
        e.Categories.AsSpan(start * e.CategoryCount, count * e.CategoryCount).ToArray());

    private static void WriteReference(string folder, TabularEncoderModel model, EncodedTable encoded, (float[] Embeddings, float[]? Probabilities) fp32)
    {
        var network = TabularNetwork.From(model);
        for (var i = 0; i < network.Categories.Count; i++)
        {
            var c = network.Categories[i];
            Learning.Npy.Write(Path.Combine(folder, $"emb_{i}.npy"), c.Values, c.Cardinality, c.Dimension);
        }

        var layers = network.Layers.Append(network.Head!).ToList();
        for (var i = 0; i < layers.Count; i++)
        {
            var l = layers[i];
            Learning.Npy.Write(Path.Combine(folder, $"w_{i}.npy"), l.Weight, l.Outputs, l.Inputs);
            Learning.Npy.Write(Path.Combine(folder, $"b_{i}.npy"), l.Bias, l.Outputs);
            if (l.NormScale is not null)
            {
                Learning.Npy.Write(Path.Combine(folder, $"g_{i}.npy"), l.NormScale, l.Outputs);
                Learning.Npy.Write(Path.Combine(folder, $"beta_{i}.npy"), l.NormBias!, l.Outputs);
            }
        }

        Learning.Npy.Write(Path.Combine(folder, "numeric.npy"), encoded.Numeric, encoded.Rows, encoded.NumericWidth);
        Learning.Npy.Write(Path.Combine(folder, "categories.npy"), encoded.Categories, encoded.Rows, encoded.CategoryCount);
        Learning.Npy.Write(Path.Combine(folder, "embedding_fp32.npy"), fp32.Embeddings, encoded.Rows, model.EmbeddingDimension);
        File.WriteAllText(Path.Combine(folder, "network.json"), JsonSerializer.Serialize(new
        {
            categories = network.Categories.Count,
            hidden = network.Layers.Count - 1,
            layerNorm = network.Layers[0].NormScale is not null,
        }));
    }

    private static string RowsJson(Table table, FittedPreprocessor preprocessor, int count)
    {
        var rows = new List<Dictionary<string, object>>();
        for (var r = 0; r < Math.Min(count, table.RowCount); r++)
        {
            var row = new Dictionary<string, object>();
            foreach (var encoding in preprocessor.Columns)
            {
                switch (table[encoding.Column])
                {
                    case NumericColumn n when !double.IsNaN(n[r]):
                        row[encoding.Column] = n[r];
                        break;
                    case StringColumn s when s[r] is { } text:
                        row[encoding.Column] = text;
                        break;
                }
            }

            rows.Add(row);
        }

        return JsonSerializer.Serialize(rows);
    }

    internal static string Name(ServingRuntime kind) => kind switch
    {
        ServingRuntime.Fp32 => "torchsharp-fp32",
        ServingRuntime.Simd => "simd-fp32",
        ServingRuntime.Int8 => "int8",
        _ => "onnxruntime",
    };

    private static double Accuracy(float[] probabilities, int column, bool[] positive) =>
        Math.Round(positive.Select((p, i) => (probabilities[(i * 2) + column] >= 0.5f) == p).Count(x => x) / (double)positive.Length, 5);

    private static double Auc(float[] probabilities, int column, bool[] positive)
    {
        var order = Enumerable.Range(0, positive.Length).OrderBy(i => probabilities[(i * 2) + column]).ToArray();
        double rankSum = 0;
        var i = 0;
        while (i < order.Length)
        {
            var j = i;
            while (j + 1 < order.Length && probabilities[(order[j + 1] * 2) + column] == probabilities[(order[i] * 2) + column])
            {
                j++;
            }

            for (var k = i; k <= j; k++)
            {
                if (positive[order[k]])
                {
                    rankSum += (i + j) / 2.0 + 1;
                }
            }

            i = j + 1;
        }

        double pos = positive.Count(p => p);
        var neg = positive.Length - pos;
        return Math.Round((rankSum - (pos * (pos + 1) / 2)) / (pos * neg), 5);
    }

    private static double MaxDifference(float[] a, float[] b)
    {
        var worst = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            worst = Math.Max(worst, Math.Abs(a[i] - b[i]));
        }

        return worst;
    }

    private static double RecallAt10(float[] reference, float[] other, int dimension, int rows, int queries)
    {
        double found = 0;
        for (var q = 0; q < queries; q++)
        {
            found += Top(reference, q).Intersect(Top(other, q)).Count();
        }

        return Math.Round(found / (queries * 10.0), 4);

        HashSet<int> Top(float[] values, int query)
        {
            var v = values.AsSpan(query * dimension, dimension).ToArray();
            return [.. Enumerable.Range(0, rows).Where(r => r != query)
                .OrderByDescending(r => System.Numerics.Tensors.TensorPrimitives.CosineSimilarity(v, values.AsSpan(r * dimension, dimension)))
                .Take(10)];
        }
    }

    private static Dictionary<string, string> Args(string[] args)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            result[args[i].TrimStart('-')] = args[i + 1];
        }

        return result;
    }
}
