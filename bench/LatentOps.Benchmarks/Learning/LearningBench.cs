using System.Globalization;
using System.Text.Json;
using LatentOps.Core.Serialization;
using LatentOps.Learning.Training;

namespace LatentOps.Benchmarks.Learning;

/// <summary>
/// Entry point of the side-by-side learning benchmarks:
/// <c>dotnet run -c Release --project bench/LatentOps.Benchmarks -- learning scarf-speed [--data PATH] [--epochs N] [--threads T] [--export DIR]</c> and
/// <c>... learning quality --dataset NAME [--seeds 3] [--epochs 60] --out DIR</c> and
/// <c>... learning quality-tuned --dataset NAME [--seeds 3] [--tuned-trials 12] [--epochs 60] --out DIR</c> and
/// <c>... learning image-probe [--train 5000] [--test 2000] [--epochs 10] --out DIR</c>. Driven by the scripts in bench/scripts/.
/// </summary>
internal static class LearningBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine("usage: learning scarf-speed|quality|quality-tuned|image-probe [options]");
            return 2;
        }

        var options = Parse(args[1..]);
        switch (args[0])
        {
            case "scarf-speed":
                return ScarfSpeed(options);
            case "quality":
                return await QualityRun.RunAsync(options);
            case "quality-tuned":
                return TunedQualityRun.Run(options);
            case "image-probe":
                return await ImageProbeRun.RunAsync(options);
            default:
                Console.Error.WriteLine($"unknown learning benchmark '{args[0]}'");
                return 2;
        }
    }

    internal static Dictionary<string, string> Parse(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            options[args[i].TrimStart('-')] = args[i + 1];
        }

        return options;
    }

    internal static string DatasetsRoot(Dictionary<string, string> options) =>
        options.GetValueOrDefault("datasets") ?? Environment.GetEnvironmentVariable("LATENTOPS_DATASETS") ?? Path.GetFullPath("../shared/datasets");

    private static int ScarfSpeed(Dictionary<string, string> options)
    {
        var path = options.GetValueOrDefault("data") ?? Path.Combine(DatasetsRoot(options), "tabular", "lending_club.csv");
        var epochs = int.Parse(options.GetValueOrDefault("epochs") ?? "6", CultureInfo.InvariantCulture);
        var threads = int.Parse(options.GetValueOrDefault("threads") ?? "2", CultureInfo.InvariantCulture);
        var table = CsvTables.Load(path);

        // The reference's training set: 80% of the rows (7,885 of 9,857 on lending_club).
        var rows = Enumerable.Range(0, table.RowCount).ToArray();
        new Random(0).Shuffle(rows);
        var train = table.Take(rows[..(int)Math.Round(table.RowCount * 0.8)]);
        var trainer = new TabularTrainer(new TrainingOptions
        {
            Epochs = epochs,
            BatchSize = 256,
            Threads = threads,
            EmbeddingDimension = 256,
            HiddenWidth = 256,
            Depth = 4,
            ValidationFraction = 0,
            Patience = 0,
            LabelColumn = "Class",
            Seed = 0,
        });
        var result = trainer.Fit(train);
        using var model = result.Model;
        var seconds = result.Epochs.Select(e => e.Seconds).ToArray();
        var steady = seconds.Skip(1).Order().ToArray();
        var median = steady.Length == 0 ? seconds[0] : steady[steady.Length / 2];

        if (options.GetValueOrDefault("export") is { } export)
        {
            Directory.CreateDirectory(export);
            var encoded = model.Preprocessor.Transform(train);
            Npy.Write(Path.Combine(export, "numeric.npy"), encoded.Numeric, encoded.Rows, encoded.NumericWidth);
            Npy.Write(Path.Combine(export, "categories.npy"), encoded.Categories, encoded.Rows, encoded.CategoryCount);
            File.WriteAllText(Path.Combine(export, "architecture.json"), LatentOpsJson.Serialize(model.Architecture));

            // Which source column each feature belongs to (a value and its missing flag are corrupted together).
            var numericColumnOf = new List<int>();
            var categoryColumnOf = new List<int>();
            var columns = model.Preprocessor.Columns;
            for (var c = 0; c < columns.Count; c++)
            {
                numericColumnOf.AddRange(Enumerable.Repeat(c, columns[c].NumericWidth));
                if (columns[c].Kind == LatentOps.Learning.Preprocessing.ColumnEncodingKind.Categorical)
                {
                    categoryColumnOf.Add(c);
                }
            }

            File.WriteAllText(Path.Combine(export, "groups.json"), JsonSerializer.Serialize(new { numericColumnOf, categoryColumnOf, columns = columns.Count }));
        }

        Console.WriteLine(JsonSerializer.Serialize(new
        {
            implementation = "LatentOps (TorchSharp 0.107.0, LibTorch 2.10.0)",
            rows = result.TrainingRows,
            numericFeatures = model.Architecture.NumericInputs,
            categoricalColumns = model.Architecture.CategoryCardinalities.Count,
            batchSize = 256,
            threads,
            epochSeconds = seconds,
            medianEpochSeconds = median,
        }));
        return 0;
    }
}
