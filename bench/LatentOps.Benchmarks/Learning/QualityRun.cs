using System.Globalization;
using System.Text.Json;
using LatentOps.Core.Tables;
using LatentOps.Learning.Encoders;
using LatentOps.Learning.Objectives;
using LatentOps.Learning.Preprocessing;
using LatentOps.Learning.Training;

namespace LatentOps.Benchmarks.Learning;

/// <summary>
/// One dataset of the quality table: for each seed, a stratified 80/20 split, SCARF and DAE encoders
/// trained on the training rows (labels unused), a 10%-labels regime (SCARF fine-tune vs the same MLP
/// from scratch), and everything the probes need exported as .npy for bench/scripts/quality_table.py.
/// </summary>
internal static class QualityRun
{
    /// <summary>The integer label the supervised models and the tuner's probe see (not a feature of the encoders).</summary>
    internal const string LabelColumn = "__label";

    public static async Task<int> RunAsync(Dictionary<string, string> options)
    {
        var name = options["dataset"];
        var seeds = int.Parse(options.GetValueOrDefault("seeds") ?? "3", CultureInfo.InvariantCulture);
        var epochs = int.Parse(options.GetValueOrDefault("epochs") ?? "60", CultureInfo.InvariantCulture);
        var maxTrain = int.Parse(options.GetValueOrDefault("max-train-rows") ?? "0", CultureInfo.InvariantCulture);
        var threads = int.Parse(options.GetValueOrDefault("threads") ?? "2", CultureInfo.InvariantCulture);
        var outRoot = Path.Combine(options.GetValueOrDefault("out") ?? "bench/results/quality-data", name);
        var data = BenchDataset.Load(name, LearningBench.DatasetsRoot(options));

        for (var seed = 0; seed < seeds; seed++)
        {
            var dir = Path.Combine(outRoot, $"seed{seed}");
            Directory.CreateDirectory(dir);
            var (trainRows, testRows) = StratifiedSplit(data.Labels, 0.2, seed);
            if (maxTrain > 0 && trainRows.Length > maxTrain)
            {
                trainRows = StratifiedSubset(trainRows, data.Labels, maxTrain, seed);
            }

            var train = data.Features.Take(trainRows);
            var test = data.Features.Take(testRows);
            var yTrain = trainRows.Select(r => (long)data.Labels[r]).ToArray();
            var yTest = testRows.Select(r => (long)data.Labels[r]).ToArray();
            Npy.Write(Path.Combine(dir, "y_train.npy"), yTrain, yTrain.Length);
            Npy.Write(Path.Combine(dir, "y_test.npy"), yTest, yTest.Length);

            var timings = new Dictionary<string, object>();
            TabularEncoderModel? scarf = null;
            foreach (var objective in new[] { TrainingObjective.Scarf, TrainingObjective.Dae })
            {
                var run = await new TabularTrainer(Recipe(objective, epochs, seed, threads)).FitAsync(train);
                var model = run.Model;
                if (objective == TrainingObjective.Scarf)
                {
                    WriteRaw(dir, model.Preprocessor, train, test);
                }

                var key = objective.ToString().ToLowerInvariant();
                WriteEmbeddings(Path.Combine(dir, $"{key}_train.npy"), model.Embed(train));
                WriteEmbeddings(Path.Combine(dir, $"{key}_test.npy"), model.Embed(test));
                timings[key] = new { epochs = run.Epochs.Count, bestEpoch = run.BestEpoch, seconds = run.TotalSeconds, stoppedEarly = run.StoppedEarly };
                Console.Error.WriteLine($"{name} seed {seed} {key}: {run.Epochs.Count} epochs (best {run.BestEpoch}), {run.TotalSeconds:F0} s");
                if (objective == TrainingObjective.Scarf)
                {
                    scarf = model;
                }
                else
                {
                    model.Dispose();
                }
            }

            // 10% labels: the labelled subset of the training rows; SCARF fine-tune vs from scratch.
            var labelled = StratifiedSubset(Enumerable.Range(0, trainRows.Length).ToArray(), yTrain.Select(v => (int)v).ToArray(), Math.Max(10, trainRows.Length / 10), seed + 100);
            var fewTable = WithLabel(train.Take(labelled), [.. labelled.Select(i => yTrain[i])]);
            var testWithLabel = WithLabel(test, yTest);
            foreach (var (key, initial) in new[] { ("finetune", scarf), ("scratch", (TabularEncoderModel?)null) })
            {
                var options2 = Recipe(TrainingObjective.Supervised, epochs, seed, threads);
                options2.LabelColumn = LabelColumn;
                options2.InitialModel = initial;
                var run = await new TabularTrainer(options2).FitAsync(fewTable);
                using var model = run.Model;
                var probabilities = model.PredictProbabilities(testWithLabel);
                var classes = model.Classes!.Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray();
                // Columns in class-index order 0..K-1 (classes missing from the few labels get 0).
                var k = data.ClassNames.Length;
                var ordered = new float[testRows.Length * k];
                for (var r = 0; r < testRows.Length; r++)
                {
                    for (var j = 0; j < classes.Length; j++)
                    {
                        ordered[(r * k) + classes[j]] = probabilities[(r * classes.Length) + j];
                    }
                }

                Npy.Write(Path.Combine(dir, $"{key}_proba.npy"), ordered, testRows.Length, k);
                timings[key] = new { epochs = run.Epochs.Count, bestEpoch = run.BestEpoch, seconds = run.TotalSeconds, labelledRows = labelled.Length };
            }

            scarf?.Dispose();
            File.WriteAllText(Path.Combine(dir, "run.json"), JsonSerializer.Serialize(new
            {
                dataset = name,
                note = data.Note,
                seed,
                trainRows = trainRows.Length,
                testRows = testRows.Length,
                classes = data.ClassNames,
                epochsBudget = epochs,
                maxTrainRows = maxTrain,
                runs = timings,
            }));
        }

        return 0;
    }

    internal static TrainingOptions Recipe(TrainingObjective objective, int epochs, int seed, int threads) => new()
    {
        Objective = objective,
        Epochs = epochs,
        BatchSize = 128,
        EmbeddingDimension = 256,
        HiddenWidth = 256,
        Depth = 4,
        Seed = seed,
        Threads = threads,
        ValidationFraction = 0.1,
        Patience = 10,
    };

    internal static Table WithLabel(Table table, long[] labels) =>
        new([.. table.Columns, new StringColumn(LabelColumn, [.. labels.Select(l => l.ToString(CultureInfo.InvariantCulture))])]);

    internal static void WriteEmbeddings(string path, Embeddings e) => Npy.Write(path, e.Values, e.Rows, e.Dimension);

    /// <summary>Raw features for the baselines: the fitted numeric features (robust-scaled, missing flags) and one-hot categories.</summary>
    private static void WriteRaw(string dir, FittedPreprocessor preprocessor, Table train, Table test)
    {
        foreach (var (key, table) in new[] { ("train", train), ("test", test) })
        {
            var encoded = preprocessor.Transform(table);
            var cards = preprocessor.CategoricalColumns.Select(c => c.Cardinality).ToArray();
            var width = encoded.NumericWidth + cards.Sum();
            var values = new float[encoded.Rows * width];
            for (var r = 0; r < encoded.Rows; r++)
            {
                encoded.Numeric.AsSpan(r * encoded.NumericWidth, encoded.NumericWidth).CopyTo(values.AsSpan(r * width));
                var offset = encoded.NumericWidth;
                for (var c = 0; c < cards.Length; c++)
                {
                    values[(r * width) + offset + (int)encoded.Categories[(r * cards.Length) + c]] = 1f;
                    offset += cards[c];
                }
            }

            Npy.Write(Path.Combine(dir, $"raw_{key}.npy"), values, encoded.Rows, width);
        }
    }

    internal static (int[] Train, int[] Test) StratifiedSplit(int[] labels, double testFraction, int seed)
    {
        var random = new Random(seed);
        var train = new List<int>();
        var test = new List<int>();
        foreach (var group in Enumerable.Range(0, labels.Length).GroupBy(r => labels[r]).OrderBy(g => g.Key))
        {
            var rows = group.ToArray();
            random.Shuffle(rows);
            var testCount = (int)Math.Round(rows.Length * testFraction);
            test.AddRange(rows[..testCount]);
            train.AddRange(rows[testCount..]);
        }

        train.Sort();
        test.Sort();
        return ([.. train], [.. test]);
    }

    internal static int[] StratifiedSubset(int[] rows, int[] labels, int count, int seed)
    {
        var random = new Random(seed);
        var fraction = (double)count / rows.Length;
        var chosen = new List<int>();
        foreach (var group in rows.GroupBy(r => labels[r]).OrderBy(g => g.Key))
        {
            var members = group.ToArray();
            random.Shuffle(members);
            chosen.AddRange(members[..Math.Max(2, Math.Min(members.Length, (int)Math.Round(members.Length * fraction)))]);
        }

        chosen.Sort();
        return [.. chosen];
    }
}
