using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using LatentOps.Core.Tables;
using LatentOps.Data.Reading;
using LatentOps.Learning.Images;
using LatentOps.Learning.Objectives;
using LatentOps.Learning.Preprocessing;
using LatentOps.Learning.Torch;
using LatentOps.Serving.Inference;

namespace LatentOps.Benchmarks.Serving;

/// <summary>
/// Image serving in process (driven by bench/scripts/image_serving.sh):
///   serving-images --data DIR [--threads T] [--seconds S] [--repeats R]
/// trains the default CNN (supervised, the trainer's default widths) for one epoch on 2,000
/// Fashion-MNIST training images (speed does not depend on the weights' quality), then measures on
/// the 10,000 test images: images/s of the fp32 (TorchSharp) and onnx (ONNX Runtime) image runtimes at
/// batch 1, 32, 256 (S seconds per cell split into R round-robin repeats, median), the largest
/// |onnx - fp32| over 1,000 images, and images/s of the request reader (a 256-image
/// <c>{"rows":[{"pixels":[...]}]}</c> body to scaled pixels). Prints one JSON document.
/// </summary>
internal static class ImageServingBench
{
    private static readonly int[] Batches = [1, 32, 256];

    public static int Run(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            options[args[i].TrimStart('-')] = args[i + 1];
        }

        var threads = int.Parse(options.GetValueOrDefault("threads", "1"), CultureInfo.InvariantCulture);
        var seconds = double.Parse(options.GetValueOrDefault("seconds", "2"), CultureInfo.InvariantCulture);
        var repeats = int.Parse(options.GetValueOrDefault("repeats", "3"), CultureInfo.InvariantCulture);
        TorchRuntime.Configure(threads);
        var folder = options["data"];
        var train = TableReader.ReadAsync(Path.Combine(folder, "train-images-idx3-ubyte.gz")).GetAwaiter().GetResult().Take([.. Enumerable.Range(0, 2000)]);
        var test = TableReader.ReadAsync(Path.Combine(folder, "t10k-images-idx3-ubyte.gz")).GetAwaiter().GetResult();
        var watch = Stopwatch.StartNew();
        using var model = new ImageTrainer(new ImageTrainingOptions { Objective = TrainingObjective.Supervised, LabelColumn = "label", Epochs = 1, Seed = 1, Threads = threads, Patience = 0 }).Fit(train).Model;
        var trainSeconds = watch.Elapsed.TotalSeconds;
        var encoded = model.Preprocessor.Transform(test);
        var size = model.Architecture.ImageHeight * model.Architecture.ImageWidth;

        var runtimes = new Dictionary<string, ITabularRuntime>
        {
            ["fp32"] = ImageRuntimes.Create(ServingRuntime.Fp32, model, threads),
            ["onnx"] = ImageRuntimes.Create(ServingRuntime.Onnx, model, threads),
        };
        var check = Slice(encoded, 0, 1000, size);
        var (torchEmbeddings, torchProbabilities) = runtimes["fp32"].Run(check, withProbabilities: true);
        var (onnxEmbeddings, onnxProbabilities) = runtimes["onnx"].Run(check, withProbabilities: true);

        var samples = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        for (var repeat = 0; repeat < repeats; repeat++)
        {
            foreach (var batch in Batches)
            {
                var input = Slice(encoded, 0, batch, size);
                foreach (var (name, runtime) in runtimes)
                {
                    var key = $"{name}@{batch}";
                    var list = samples.TryGetValue(key, out var found) ? found : samples[key] = [];
                    list.Add(Measure(() => runtime.Run(input, withProbabilities: true), batch, seconds / repeats));
                }
            }
        }

        var rows = new StringBuilder("[");
        for (var r = 0; r < 256; r++)
        {
            rows.Append(r == 0 ? "{\"pixels\":[" : ",{\"pixels\":[");
            for (var p = 0; p < size; p++)
            {
                rows.Append(p == 0 ? string.Empty : ",").Append(((NumericColumn)test[$"pixel_{p}"])[r].ToString(CultureInfo.InvariantCulture));
            }

            rows.Append("]}");
        }

        var body = Encoding.UTF8.GetBytes("{\"rows\":" + rows.Append(']') + "}");
        var inputs = test.Columns.Where(c => c.Name.StartsWith("pixel_", StringComparison.Ordinal)).Select(c => new InputColumn(c.Name, c.Type, false)).ToList();
        var reader = new ImageRequestEncoder(inputs, model.Preprocessor, model.Architecture.ImageHeight, model.Architecture.ImageWidth);
        var readerRate = Measure(() => reader.EncodeBody(body, 1024, keepRows: false), 256, seconds);

        foreach (var runtime in runtimes.Values)
        {
            runtime.Dispose();
        }

        var result = new Dictionary<string, object>
        {
            ["threads"] = threads,
            ["trainSeconds"] = Math.Round(trainSeconds, 1),
            ["architecture"] = $"{model.Architecture.HiddenWidth} channels, {model.EmbeddingDimension}-d embedding, {model.Classes!.Count} classes",
            ["imagesPerSecond"] = samples.ToDictionary(s => s.Key, s => Math.Round(Median(s.Value))),
            ["onnxOverFp32"] = Batches.ToDictionary(b => b.ToString(CultureInfo.InvariantCulture), b => Math.Round(Median(samples[$"onnx@{b}"]) / Median(samples[$"fp32@{b}"]), 2)),
            ["maxAbsDiffEmbedding"] = MaxDiff(torchEmbeddings, onnxEmbeddings),
            ["maxAbsDiffProbabilities"] = MaxDiff(torchProbabilities!, onnxProbabilities!),
            ["requestReaderImagesPerSecond"] = Math.Round(readerRate),
            ["bodyBytesPerImage"] = body.Length / 256,
        };
        Console.WriteLine(JsonSerializer.Serialize(result));
        return 0;
    }

    private static EncodedTable Slice(EncodedTable table, int start, int rows, int width) =>
        new(rows, width, 0, table.Numeric.AsSpan(start * width, rows * width).ToArray(), []);

    private static double Measure(Action run, int rowsPerCall, double seconds)
    {
        run();
        var watch = Stopwatch.StartNew();
        var calls = 0;
        do
        {
            run();
            calls++;
        }
        while (watch.Elapsed.TotalSeconds < seconds);

        return calls * rowsPerCall / watch.Elapsed.TotalSeconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static double MaxDiff(float[] a, float[] b)
    {
        double worst = 0;
        for (var i = 0; i < a.Length; i++)
        {
            worst = Math.Max(worst, Math.Abs(a[i] - b[i]));
        }

        return worst;
    }
}
