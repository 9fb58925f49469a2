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
///   serving local --data CSV --export DIR [--threads T] [--epochs E] [--seconds S] [--repeats R]
///     trains a supervised lending_club model (4 x 256, 64-d, the defaults), reports int8 vs fp32
///     accuracy/AUC/recall@10 on held-out rows and in-process rows/s of every runtime at batch 1, 32, 256
///     (S seconds per cell split into R round-robin repeats, median reported);
///     writes the weights and the preprocessed rows as .npy for the PyTorch reference, and the package.
///   serving http ... / serving serve ...: the HTTP load half, see <see cref="HttpLoad"/>.
///   serving stages --export DIR [--seconds S]: the request path stage by stage, see <see cref="HttpStages"/>.
///   serving inprocess --export DIR --runtime R [--threads T] [--seconds S]: rows/s of one runtime at batch 256 in
///     this process (the in-process reference the HTTP scripts measure beside each server, seconds apart).
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
            "local" => await LocalAsync(options["data"], export, threads, int.Parse(options.GetValueOrDefault("epochs", "5"), CultureInfo.InvariantCulture), seconds, int.Parse(options.GetValueOrDefault("repeats", "3"), CultureInfo.InvariantCulture)),
            "http" => await HttpLoad.RunAsync(export, threads, seconds, int.Parse(options.GetValueOrDefault("concurrency", "16"), CultureInfo.InvariantCulture),
                [.. options.GetValueOrDefault("sizes", "1,32,256").Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture))],
                double.Parse(options.GetValueOrDefault("log-sample", "1"), CultureInfo.InvariantCulture)),
            "stages" => HttpStages.Run(export, seconds),
            "inprocess" => HttpLoad.InProcess(export, Enum.Parse<ServingRuntime>(options["runtime"]), threads, seconds),
            _ => throw new ArgumentException("serving local|http|stages|inprocess|serve"),
        };
        Console.WriteLine(JsonSerializer.Serialize(result));
        return 0;
    }

    private static async Task<Dictionary<string, object>> LocalAsync(string data, string export, int threads, int epochs, double seconds, int repeats)
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
                recallAt10All = RecallAt10(outputs[ServingRuntime.Fp32].Embeddings, embeddings, model.EmbeddingDimension, encoded.Rows, encoded.Rows),
            };
        }

        var geometry = Geometry(outputs[ServingRuntime.Fp32].Embeddings, model.EmbeddingDimension, encoded.Rows);

        WriteReference(export, model, encoded, outputs[ServingRuntime.Fp32]);
        // Every (runtime, batch) cell is measured `repeats` times, round-robin over the runtimes so a
        // change in machine load hits all of them alike; the median is reported.
        var samples = runtimes.Keys.ToDictionary(k => k, _ => Batches.ToDictionary(b => b, _ => new List<double>()));
        var cpuSamples = runtimes.Keys.ToDictionary(k => k, _ => Batches.ToDictionary(b => b, _ => new List<double>()));
        for (var repeat = 0; repeat < repeats; repeat++)
        {
            foreach (var batch in Batches)
            {
                foreach (var (kind, runtime) in runtimes)
                {
                    var (wall, cpu) = RowsPerSecond(runtime, encoded, batch, seconds / repeats);
                    samples[kind][batch].Add(wall);
                    cpuSamples[kind][batch].Add(cpu);
                }
            }
        }

        var speed = new Dictionary<string, object>();
        foreach (var (kind, perBatch) in samples)
        {
            speed[Name(kind)] = perBatch.ToDictionary(p => p.Key.ToString(CultureInfo.InvariantCulture), p => Median(p.Value));
        }

        var cpuSpeed = cpuSamples.ToDictionary(k => Name(k.Key), k => k.Value.ToDictionary(p => p.Key.ToString(CultureInfo.InvariantCulture), p => Median(p.Value)));

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
            ["repeats"] = repeats,
            ["trainSeconds"] = Math.Round(trainSeconds, 1),
            ["architecture"] = model.Architecture.Describe(),
            ["avx2"] = DenseKernels.Avx2Available,
            ["quality"] = quality,
            ["neighbourGeometry"] = geometry,
            ["rowsPerSecond"] = speed,
            ["rowsPerCpuSecond"] = cpuSpeed,
        };
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : Math.Round((sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2);
    }

    /// <summary>Rows per wall-clock second and per second of this process's CPU time (all threads), which a busy shared machine disturbs far less.</summary>
    private static (double Wall, double Cpu) RowsPerSecond(ITabularRuntime runtime, EncodedTable encoded, int batch, double seconds)
    {
        var slices = Enumerable.Range(0, 8).Select(i => Slice(encoded, (i * batch * 3) % Math.Max(1, encoded.Rows - batch), batch)).ToArray();
        for (var i = 0; i < 3; i++)
        {
            runtime.Run(slices[i % slices.Length], withProbabilities: true);
        }

        var rows = 0L;
        using var process = Process.GetCurrentProcess();
        var cpuStart = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var n = 0;
        while (watch.Elapsed.TotalSeconds < seconds)
        {
            runtime.Run(slices[n++ % slices.Length], withProbabilities: true);
            rows += batch;
        }

        var wall = watch.Elapsed.TotalSeconds;
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuStart).TotalSeconds;
        return (Math.Round(rows / wall), cpu > 0 ? Math.Round(rows / cpu) : 0);
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
        ServingRuntime.Int8A8 => "int8a8",
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

    /// <summary>
    /// Share of each query's 10 nearest fp32 neighbours (cosine, among the first <paramref name="rows"/>
    /// rows, the query itself excluded on both sides) that the other runtime's embeddings also rank in
    /// their top 10. Ties are broken by row index on both sides, so equal similarities cannot count as
    /// misses by ordering alone.
    /// </summary>
    private static double RecallAt10(float[] reference, float[] other, int dimension, int rows, int queries)
    {
        var a = Normalised(reference, dimension, rows);
        var b = Normalised(other, dimension, rows);
        long found = 0;
        for (var q = 0; q < queries; q++)
        {
            var top = Top(a, q);
            found += Top(b, q).Count(top.Contains);
        }

        return Math.Round(found / (queries * 10.0), 4);

        int[] Top(float[] values, int query)
        {
            var v = values.AsSpan(query * dimension, dimension);
            var best = new List<(float Similarity, int Row)>(11);
            for (var r = 0; r < rows; r++)
            {
                if (r == query)
                {
                    continue;
                }

                var similarity = System.Numerics.Tensors.TensorPrimitives.Dot(v, values.AsSpan(r * dimension, dimension));
                if (best.Count == 10 && similarity <= best[9].Similarity)
                {
                    continue;
                }

                var at = best.Count;
                while (at > 0 && best[at - 1].Similarity < similarity)
                {
                    at--;
                }

                best.Insert(at, (similarity, r));
                if (best.Count > 10)
                {
                    best.RemoveAt(10);
                }
            }

            return [.. best.Select(x => x.Row)];
        }
    }

    private static float[] Normalised(float[] values, int dimension, int rows)
    {
        var result = new float[rows * dimension];
        for (var r = 0; r < rows; r++)
        {
            var row = values.AsSpan(r * dimension, dimension);
            var norm = System.Numerics.Tensors.TensorPrimitives.Norm(row);
            System.Numerics.Tensors.TensorPrimitives.Multiply(row, norm > 0 ? 1 / norm : 0, result.AsSpan(r * dimension, dimension));
        }

        return result;
    }

    /// <summary>How close the fp32 neighbours are: the gap between the 10th and 11th cosine similarity and the mean cosine to the mean direction.</summary>
    private static object Geometry(float[] embeddings, int dimension, int rows)
    {
        var a = Normalised(embeddings, dimension, rows);
        var gaps = new double[rows];
        var tenth = new double[rows];
        var sims = new float[rows];
        for (var q = 0; q < rows; q++)
        {
            for (var r = 0; r < rows; r++)
            {
                sims[r] = r == q ? float.NegativeInfinity : System.Numerics.Tensors.TensorPrimitives.Dot(a.AsSpan(q * dimension, dimension), a.AsSpan(r * dimension, dimension));
            }

            var sorted = sims.OrderDescending().Take(11).ToArray();
            tenth[q] = sorted[9];
            gaps[q] = sorted[9] - sorted[10];
        }

        var mean = new float[dimension];
        for (var r = 0; r < rows; r++)
        {
            System.Numerics.Tensors.TensorPrimitives.Add(mean, a.AsSpan(r * dimension, dimension), mean);
        }

        var centre = Normalised(mean, dimension, 1);
        var toMean = Enumerable.Range(0, rows).Average(r => System.Numerics.Tensors.TensorPrimitives.Dot(centre, a.AsSpan(r * dimension, dimension)));
        Array.Sort(gaps);
        Array.Sort(tenth);
        return new
        {
            medianGap10To11 = gaps[rows / 2],
            median10thSimilarity = tenth[rows / 2],
            meanCosineToMeanDirection = Math.Round(toMean, 5),
        };
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
