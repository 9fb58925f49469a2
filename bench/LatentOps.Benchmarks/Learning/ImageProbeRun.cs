using System.Globalization;
using System.Text.Json;
using LatentOps.Core.Tables;
using LatentOps.Data.Reading;
using LatentOps.Learning.Images;
using LatentOps.Learning.Objectives;

namespace LatentOps.Benchmarks.Learning;

/// <summary>
/// <c>learning image-probe [--train 5000] [--test 2000] [--epochs 10] [--dim 64] [--channels 64] [--threads 2] [--seed 0] --out DIR</c>:
/// trains the SimCLR image encoder on the first N Fashion-MNIST training images (read through the data
/// layer's IDX reader, as <c>latentops data ingest</c> does), embeds them and the first M test images, and
/// writes the embeddings and labels as .npy for bench/scripts/image_probe.py (scikit-learn linear probe,
/// beside the same probe on the raw pixels).
/// </summary>
internal static class ImageProbeRun
{
    public static async Task<int> RunAsync(Dictionary<string, string> options)
    {
        int Int(string name, int fallback) => int.Parse(options.GetValueOrDefault(name) ?? fallback.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var output = options.GetValueOrDefault("out") ?? throw new ArgumentException("--out DIR is required");
        var folder = Path.Combine(LearningBench.DatasetsRoot(options), "images", "fashion-mnist");
        var train = Head(await TableReader.ReadAsync(Path.Combine(folder, "train-images-idx3-ubyte.gz")), Int("train", 5000));
        var test = Head(await TableReader.ReadAsync(Path.Combine(folder, "t10k-images-idx3-ubyte.gz")), Int("test", 2000));
        var trainer = new ImageTrainer(new ImageTrainingOptions
        {
            Objective = TrainingObjective.SimClr,
            Epochs = Int("epochs", 10),
            EmbeddingDimension = Int("dim", 64),
            Channels = Int("channels", 64),
            Threads = Int("threads", 2),
            Seed = Int("seed", 0),
            Patience = 0,
        });
        var progress = new Progress<LatentOps.Core.Progress.ProgressUpdate>(u => Console.Error.WriteLine($"epoch {u.Done}/{u.Total}: {u.Detail}"));
        var result = trainer.Fit(train, progress);
        using var model = result.Model;
        Directory.CreateDirectory(output);
        var trainEmbeddings = model.Embed(train);
        var testEmbeddings = model.Embed(test);
        Npy.Write(Path.Combine(output, "train_embeddings.npy"), trainEmbeddings.Values, trainEmbeddings.Rows, trainEmbeddings.Dimension);
        Npy.Write(Path.Combine(output, "test_embeddings.npy"), testEmbeddings.Values, testEmbeddings.Rows, testEmbeddings.Dimension);
        Npy.Write(Path.Combine(output, "train_labels.npy"), Labels(train), train.RowCount);
        Npy.Write(Path.Combine(output, "test_labels.npy"), Labels(test), test.RowCount);
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            implementation = "LatentOps ImageTrainer (SimCLR, TorchSharp 0.107.0)",
            trainImages = train.RowCount,
            testImages = test.RowCount,
            epochs = result.Epochs.Count,
            trainLoss = result.Epochs.Select(e => Math.Round(e.TrainLoss, 4)),
            validationLoss = result.Epochs.Select(e => e.ValidationLoss is { } v ? Math.Round(v, 4) : double.NaN),
            medianEpochSeconds = result.Epochs.Select(e => e.Seconds).Order().ElementAt(result.Epochs.Count / 2),
            imagesPerSecond = Math.Round(result.Epochs.Average(e => e.RowsPerSecond)),
            dim = model.EmbeddingDimension,
            channels = model.Architecture.HiddenWidth,
            threads = result.Settings.Threads,
            seed = result.Settings.Seed,
        }));
        return 0;
    }

    private static Table Head(Table table, int rows) => table.Take([.. Enumerable.Range(0, Math.Min(rows, table.RowCount))]);

    private static long[] Labels(Table table) => [.. ((NumericColumn)table["label"]).Values.ToArray().Select(v => (long)v)];
}
