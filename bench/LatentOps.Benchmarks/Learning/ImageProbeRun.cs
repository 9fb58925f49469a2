using System.Globalization;
using System.Text.Json;
using LatentOps.Core.Tables;
using LatentOps.Data.Reading;
using LatentOps.Learning.Images;
using LatentOps.Learning.Objectives;

namespace LatentOps.Benchmarks.Learning;

/// <summary>
/// <c>learning image-probe [--train 5000] [--test 2000] [--epochs E] [--dim D] [--channels C] [--pool P] [--batch B] [--lr L]
/// [--temperature T] [--crop S] [--shift S] [--flip 0|1] [--noise N] [--supervised-epochs 0] [--threads 2] [--seed 0] --out DIR</c>
/// (recipe options default to <see cref="ImageTrainingOptions"/>'s defaults):
/// trains the SimCLR image encoder on the first N Fashion-MNIST training images (read through the data
/// layer's IDX reader, as <c>latentops data ingest</c> does), embeds them and the first M test images, and
/// writes the embeddings and labels as .npy for bench/scripts/image_probe.py (scikit-learn linear probe,
/// beside the same probe on the raw pixels). With <c>--supervised-epochs</c> it also trains the same CNN
/// supervised on the same images and reports its test accuracy (the ceiling).
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
        double Real(string name, double fallback) => options.GetValueOrDefault(name) is { } v ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;
        var defaults = new ImageTrainingOptions();
        ImageTrainingOptions Recipe(TrainingObjective objective, int epochs) => new()
        {
            Objective = objective,
            LabelColumn = objective == TrainingObjective.Supervised ? "label" : null,
            Epochs = epochs,
            EmbeddingDimension = Int("dim", defaults.EmbeddingDimension),
            Channels = Int("channels", defaults.Channels),
            PoolSize = Int("pool", defaults.PoolSize),
            BatchSize = Int("batch", defaults.BatchSize),
            LearningRate = Real("lr", defaults.LearningRate),
            Temperature = Real("temperature", defaults.Temperature),
            MinCropScale = Real("crop", defaults.MinCropScale),
            MaxShift = Real("shift", defaults.MaxShift),
            HorizontalFlip = Int("flip", defaults.HorizontalFlip ? 1 : 0) == 1,
            Noise = Real("noise", defaults.Noise),
            Threads = Int("threads", 2),
            Seed = Int("seed", 0),
            Patience = 0,
        };
        var recipe = Recipe(TrainingObjective.SimClr, Int("epochs", defaults.Epochs));
        var progress = new Progress<LatentOps.Core.Progress.ProgressUpdate>(u => Console.Error.WriteLine($"epoch {u.Done}/{u.Total}: {u.Detail}"));
        var result = new ImageTrainer(recipe).Fit(train, progress);
        using var model = result.Model;
        Directory.CreateDirectory(output);
        var trainEmbeddings = model.Embed(train);
        var testEmbeddings = model.Embed(test);
        Npy.Write(Path.Combine(output, "train_embeddings.npy"), trainEmbeddings.Values, trainEmbeddings.Rows, trainEmbeddings.Dimension);
        Npy.Write(Path.Combine(output, "test_embeddings.npy"), testEmbeddings.Values, testEmbeddings.Rows, testEmbeddings.Dimension);
        Npy.Write(Path.Combine(output, "train_labels.npy"), Labels(train), train.RowCount);
        Npy.Write(Path.Combine(output, "test_labels.npy"), Labels(test), test.RowCount);

        // The ceiling: the same CNN trained supervised (cross-entropy through a linear head) on the same images.
        double? supervisedAccuracy = null;
        var supervisedEpochs = Int("supervised-epochs", 0);
        if (supervisedEpochs > 0)
        {
            var supervised = new ImageTrainer(Recipe(TrainingObjective.Supervised, supervisedEpochs)).Fit(train, progress);
            using var classifier = supervised.Model;
            var probabilities = classifier.PredictProbabilities(test);
            var truth = Labels(test);
            var classes = classifier.Classes!;
            var correct = 0;
            for (var r = 0; r < test.RowCount; r++)
            {
                var best = 0;
                for (var k = 1; k < classes.Count; k++)
                {
                    best = probabilities[(r * classes.Count) + k] > probabilities[(r * classes.Count) + best] ? k : best;
                }

                correct += classes[best] == truth[r].ToString(CultureInfo.InvariantCulture) ? 1 : 0;
            }

            supervisedAccuracy = Math.Round(correct / (double)test.RowCount, 4);
        }

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
            pool = model.Architecture.ImagePool,
            batchSize = recipe.BatchSize,
            learningRate = recipe.LearningRate,
            temperature = recipe.Temperature,
            minCropScale = recipe.MinCropScale,
            maxShift = recipe.MaxShift,
            horizontalFlip = recipe.HorizontalFlip,
            noise = recipe.Noise,
            supervisedEpochs,
            supervisedAccuracy,
            seed = result.Settings.Seed,
        }));
        return 0;
    }

    private static Table Head(Table table, int rows) => table.Take([.. Enumerable.Range(0, Math.Min(rows, table.RowCount))]);

    private static long[] Labels(Table table) => [.. ((NumericColumn)table["label"]).Values.ToArray().Select(v => (long)v)];
}
