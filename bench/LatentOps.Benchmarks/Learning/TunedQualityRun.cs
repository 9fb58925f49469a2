using System.Globalization;
using System.Text.Json;
using LatentOps.Evaluation.Tuning;
using LatentOps.Learning.Tuning;

namespace LatentOps.Benchmarks.Learning;

/// <summary>
/// The "tuned encoder" column of the quality table: on each seed's training rows (the same split as
/// <see cref="QualityRun"/>), what <c>latentops tune DATA --label COL --budget halving</c> does by
/// default (SCARF and DAE, corruption, width, depth and learning rate searched, each trial scored by a
/// linear probe on 20% of the training rows), then the best trial's embeddings exported for the
/// probe. The test rows are never seen by the search.
/// </summary>
internal static class TunedQualityRun
{
    public static int Run(Dictionary<string, string> options)
    {
        var name = options["dataset"];
        var seeds = int.Parse(options.GetValueOrDefault("seeds") ?? "3", CultureInfo.InvariantCulture);
        var trials = int.Parse(options.GetValueOrDefault("tuned-trials") ?? "12", CultureInfo.InvariantCulture);
        var epochs = int.Parse(options.GetValueOrDefault("epochs") ?? "60", CultureInfo.InvariantCulture);
        var maxTrain = int.Parse(options.GetValueOrDefault("max-train-rows") ?? "0", CultureInfo.InvariantCulture);
        var threads = int.Parse(options.GetValueOrDefault("threads") ?? "1", CultureInfo.InvariantCulture);
        var outRoot = Path.Combine(options.GetValueOrDefault("out") ?? "bench/results/quality-data", name);
        var data = BenchDataset.Load(name, LearningBench.DatasetsRoot(options));

        for (var seed = 0; seed < seeds; seed++)
        {
            var dir = Path.Combine(outRoot, $"seed{seed}");
            Directory.CreateDirectory(dir);
            var (trainRows, testRows) = QualityRun.StratifiedSplit(data.Labels, 0.2, seed);
            if (maxTrain > 0 && trainRows.Length > maxTrain)
            {
                trainRows = QualityRun.StratifiedSubset(trainRows, data.Labels, maxTrain, seed);
            }

            var train = data.Features.Take(trainRows);
            var labels = trainRows.Select(r => (long)data.Labels[r]).ToArray();
            var tuner = new EncoderTuner(
                new TuningOptions
                {
                    Trials = trials,
                    Strategy = TuningStrategy.SuccessiveHalving,
                    EpochsPerTrial = epochs,
                    ThreadsPerTrial = threads,
                    Seed = seed,
                    LabelColumn = QualityRun.LabelColumn,
                },
                RepresentationScorers.LinearProbe());
            var started = DateTime.UtcNow;
            var result = tuner.Tune(QualityRun.WithLabel(train, labels));
            var best = result.Best;
            using var model = best.Training.Model;
            QualityRun.WriteEmbeddings(Path.Combine(dir, "tuned_train.npy"), model.Embed(train));
            QualityRun.WriteEmbeddings(Path.Combine(dir, "tuned_test.npy"), model.Embed(data.Features.Take(testRows)));
            var seconds = (DateTime.UtcNow - started).TotalSeconds;
            File.WriteAllText(Path.Combine(dir, "tuned.json"), JsonSerializer.Serialize(new
            {
                trials,
                epochsPerTrial = epochs,
                strategy = "successive halving (eta 3)",
                best = new
                {
                    objective = best.Settings.Objective.ToString().ToLowerInvariant(),
                    corruptionRate = best.Settings.CorruptionRate,
                    dimension = best.EmbeddingDimension,
                    depth = best.Depth,
                    learningRate = best.Settings.LearningRate,
                    scoreName = best.ScoreName,
                    validationScore = best.Score,
                },
                seconds,
            }));
            Console.Error.WriteLine($"{name} seed {seed} tuned: best {best.Settings.Objective} dim {best.EmbeddingDimension} depth {best.Depth} ({best.ScoreName} {best.Score:F3}), {seconds:F0} s");
        }

        return 0;
    }
}
