using System.CommandLine;
using System.Globalization;
using LatentOps.Cli.Commands.Evaluate;
using LatentOps.Cli.Commands.Runs;
using LatentOps.Cli.Infrastructure;
using LatentOps.Core.Errors;
using LatentOps.Evaluation.Tuning;
using LatentOps.Learning.Objectives;
using LatentOps.Learning.Packaging;
using LatentOps.Learning.Tuning;
using LatentOps.Store.Datasets;
using LatentOps.Store.Tracking;

namespace LatentOps.Cli.Commands.Tune;

/// <summary>
/// <c>latentops tune N[:V] --trials T</c>: random search or successive halving over encoder settings,
/// scored on held-out rows by a linear or kNN probe (with labels) or RankMe (without). The search is a
/// parent run (experiment <c>tuning</c>, tag <c>latentops.kind=tuning</c>); each trial is a child run
/// tagged <c>latentops.parentRun</c>; the best trial's model package becomes the parent run's
/// <c>model</c> artifact, ready for <c>latentops models register</c>.
/// </summary>
internal static class TuneCommand
{
    public const string Experiment = "tuning";

    public static Command Create(CommandFactory factory)
    {
        var dataset = new Argument<string>("DATASET") { Description = "The dataset to tune on: NAME or NAME:VERSION." };
        var objective = new Option<string?>("--objective") { Description = "Objectives to search: scarf, dae, or both comma-separated. Default: scarf,dae.", HelpName = "scarf|dae[,...]" };
        var label = new Option<string?>("--label") { Description = "Label column for the probe scores (left out of the inputs). Default: the dataset's label; without one the score is RankMe.", HelpName = "COL" };
        var scorer = new Option<string?>("--scorer") { Description = "What ranks trials on the held-out rows: linear (L2 logistic regression probe, C by CV), knn (cosine, k=20) or rankme (label-free). Default: linear with a label, else rankme.", HelpName = "linear|knn|rankme" };
        var trials = new Option<int>("--trials") { Description = "Candidate settings to draw (1 to 10000).", DefaultValueFactory = _ => 10, HelpName = "N" };
        var epochs = new Option<int>("--epochs") { Description = "Epochs of a full trial (with --budget halving, of the last rung).", DefaultValueFactory = _ => 20, HelpName = "E" };
        var budget = new Option<string>("--budget") { Description = "random: every trial trains the full epochs; halving: successive halving, all candidates train briefly and the best 1/eta go on with eta times the epochs.", DefaultValueFactory = _ => "random", HelpName = "random|halving" };
        var eta = new Option<int>("--eta") { Description = "Successive halving: keep the best 1/eta of each rung (2 to 10).", DefaultValueFactory = _ => 3, HelpName = "ETA" };
        var dims = new Option<string?>("--dims") { Description = "Embedding widths to try, comma-separated. Default: 16,32,64,128.", HelpName = "D[,D...]" };
        var depths = new Option<string?>("--depths") { Description = "Encoder depths to try, comma-separated. Default: 2,3,4.", HelpName = "L[,L...]" };
        var seed = new Option<int>("--seed") { Description = "Seed of the search, the held-out split and each trial's training.", DefaultValueFactory = _ => 0, HelpName = "S" };
        var threads = new Option<int>("--threads") { Description = "TorchSharp threads per trial (1 to 256); trials run one after another.", DefaultValueFactory = _ => 1, HelpName = "T" };
        var scoringFraction = new Option<double>("--holdout") { Description = "Share of rows held out and scored (above 0, at most 0.5).", DefaultValueFactory = _ => 0.2, HelpName = "F" };
        var command = new Command("tune", "Search encoder settings (objective, corruption rate, width, depth, learning rate) by random search or successive halving; every trial is a tracked run under a parent run, the best is reported and its model kept.")
        {
            dataset, objective, label, scorer, trials, epochs, budget, eta, dims, depths, seed, threads, scoringFraction,
        };
        factory.SetAction(command, async context =>
        {
            var catalog = new DatasetCatalog(context.Workspace);
            var version = await catalog.GetVersionAsync(RegisteredModelLoader.ParseDataset(context.Value(dataset)!, "DATASET"), context.CancellationToken).ConfigureAwait(false);
            var labelColumn = context.Value(label) ?? version.Roles.Label;
            var scorerName = (context.Value(scorer) ?? (labelColumn is null ? "rankme" : "linear")).ToLowerInvariant();
            if (!RepresentationScorers.Names.Contains(scorerName))
            {
                throw LatentOpsException.InvalidInput($"--scorer '{scorerName}' is unknown; allowed: {string.Join(", ", RepresentationScorers.Names)}.");
            }

            if (scorerName != "rankme" && labelColumn is null)
            {
                throw LatentOpsException.InvalidInput($"--scorer {scorerName} needs a label: pass --label COL ({version.Ref} has no label role), or use --scorer rankme.");
            }

            var options = new TuningOptions
            {
                Trials = context.Value(trials),
                EpochsPerTrial = context.Value(epochs),
                Strategy = context.Value(budget)!.ToLowerInvariant() switch
                {
                    "random" => TuningStrategy.Random,
                    "halving" => TuningStrategy.SuccessiveHalving,
                    var other => throw LatentOpsException.InvalidInput($"--budget '{other}' is unknown; allowed: random, halving."),
                },
                Eta = context.Value(eta),
                Seed = context.Value(seed),
                ThreadsPerTrial = context.Value(threads),
                ScoringFraction = context.Value(scoringFraction),
                LabelColumn = scorerName == "rankme" ? null : labelColumn,
                Objectives = ParseObjectives(context.Value(objective)),
            };
            if (context.Value(dims) is { } d)
            {
                options.Dimensions = ParseInts(d, "--dims");
            }

            if (context.Value(depths) is { } l)
            {
                options.Depths = ParseInts(l, "--depths");
            }

            options.Validate();
            var table = await catalog.LoadTableAsync(version, context.CancellationToken).ConfigureAwait(false);
            if (labelColumn is not null && scorerName == "rankme" && table.Contains(labelColumn))
            {
                table = table.Drop([labelColumn]); // Label-free scoring still keeps the label out of the inputs.
            }

            if (version.Roles.Id is { } id && table.Contains(id))
            {
                table = table.Drop([id]);
            }

            var tracking = StoreAccess.Tracking(context);
            var parent = await tracking.CreateRunAsync(new RunStart
            {
                Experiment = Experiment,
                Name = $"tune {version.Ref}",
                SourceCommit = Train.SourceCommit.Of(context.Environment.CurrentDirectory),
                Params = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["dataset"] = version.Ref.ToString(),
                    ["scorer"] = scorerName,
                    ["trials"] = I(options.Trials),
                    ["epochsPerTrial"] = I(options.EpochsPerTrial),
                    ["budget"] = options.Strategy == TuningStrategy.Random ? "random" : "halving",
                    ["eta"] = I(options.Eta),
                    ["objectives"] = string.Join(',', options.Objectives).ToLowerInvariant(),
                    ["dimensions"] = string.Join(',', options.Dimensions),
                    ["depths"] = string.Join(',', options.Depths),
                    ["seed"] = I(options.Seed),
                    ["threadsPerTrial"] = I(options.ThreadsPerTrial),
                    ["holdout"] = options.ScoringFraction.ToString(CultureInfo.InvariantCulture),
                },
                Tags = new Dictionary<string, string> { [EvaluationRun.KindTag] = "tuning" },
            }, context.CancellationToken).ConfigureAwait(false);
            await tracking.LogDatasetAsync(parent.RunId, new RunDataset("train", version.Name, version.Version, version.ContentHash, version.Provenance.Source?.FileName), context.CancellationToken).ConfigureAwait(false);

            var trialRuns = new Dictionary<TrialResult, string>();
            TuningResult result;
            try
            {
                result = await context.WithProgressAsync($"tune {version.Ref}", progress =>
                    new EncoderTuner(options, RepresentationScorers.Create(scorerName)).TuneAsync(table, progress,
                        trial => trialRuns[trial] = LogTrialAsync(tracking, parent.RunId, version.Ref.ToString(), trial).GetAwaiter().GetResult(),
                        context.CancellationToken)).ConfigureAwait(false);
            }
            catch (Exception)
            {
                await tracking.EndRunAsync(parent.RunId, RunStatus.Failed, CancellationToken.None).ConfigureAwait(false);
                throw;
            }

            using var best = result.Best.Training.Model;
            var package = await context.Workspace.Artifacts.PutAsync(ModelPackage.ToBytes(best, new ModelPackageInfo
            {
                Name = version.Name,
                Metrics = new Dictionary<string, double> { [result.Best.ScoreName] = result.Best.Score },
                Lineage = new Dictionary<string, string>
                {
                    ["run"] = parent.RunId,
                    ["trialRun"] = trialRuns.GetValueOrDefault(result.Best, string.Empty),
                    ["dataset"] = version.Ref.ToString(),
                    ["datasetHash"] = version.ContentHash,
                },
            }), CancellationToken.None).ConfigureAwait(false);
            await tracking.LogArtifactAsync(parent.RunId, new RunArtifact("model", package.Hash, package.Size), CancellationToken.None).ConfigureAwait(false);
            await tracking.LogMetricsAsync(parent.RunId, [new MetricPoint($"best.{result.Best.ScoreName}", result.Best.Score, 0, DateTimeOffset.UtcNow)], CancellationToken.None).ConfigureAwait(false);
            await tracking.SetTagsAsync(parent.RunId, new Dictionary<string, string> { ["bestTrialRun"] = trialRuns.GetValueOrDefault(result.Best, string.Empty) }, CancellationToken.None).ConfigureAwait(false);
            await tracking.EndRunAsync(parent.RunId, result.Cancelled ? RunStatus.Killed : RunStatus.Finished, CancellationToken.None).ConfigureAwait(false);

            var output = new TuneOutcome(
                parent.RunId,
                version.Ref.ToString(),
                result.Best.ScoreName,
                options.Strategy == TuningStrategy.Random ? "random" : "halving",
                result.Rungs,
                result.Cancelled,
                [.. result.Trials.Select(t => Summary(t, trialRuns.GetValueOrDefault(t, string.Empty)))],
                Summary(result.Best, trialRuns.GetValueOrDefault(result.Best, string.Empty)),
                package.Hash);
            context.WriteResult(output, writer =>
            {
                writer.WriteLine($"tuned {output.Dataset}: {output.Trials.Count} trial runs ({output.Budget}{(output.Rungs > 1 ? $", {output.Rungs} rungs" : string.Empty)}), scored by {output.Score}");
                foreach (var t in output.Trials)
                {
                    writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {(t == output.Best ? "*" : " ")} trial {t.Trial,3} rung {t.Rung} {t.Objective,-5} corruption {t.CorruptionRate:0.00} dim {t.Dimension,4} depth {t.Depth} lr {t.LearningRate:0.#####} epochs {t.Epochs,3}  {output.Score} {t.Score:0.0000}"));
                }

                var b = output.Best;
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"best: trial {b.Trial} ({b.Objective}, corruption {b.CorruptionRate:0.00}, dim {b.Dimension}, depth {b.Depth}, lr {b.LearningRate:0.#####}) {output.Score} {b.Score:0.0000}"));
                writer.WriteLine($"run: {output.RunId} (experiment {Experiment}); register the best with: latentops models register {StoreAccess.Short(output.RunId)} --name NAME");
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"train it fully with: latentops train {output.Dataset} --objective {b.Objective} --dim {b.Dimension} --depth {b.Depth} --lr {b.LearningRate:0.#####}"));
            });
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<string> LogTrialAsync(ITrackingStore tracking, string parentRunId, string dataset, TrialResult trial)
    {
        var settings = trial.Settings;
        var run = await tracking.CreateRunAsync(new RunStart
        {
            Experiment = Experiment,
            Name = $"trial {I(trial.Trial)} rung {I(trial.Rung)}",
            Params = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["dataset"] = dataset,
                ["trial"] = I(trial.Trial),
                ["rung"] = I(trial.Rung),
                ["objective"] = settings.Objective.ToString().ToLowerInvariant(),
                ["corruptionRate"] = settings.CorruptionRate.ToString(CultureInfo.InvariantCulture),
                ["dim"] = I(trial.EmbeddingDimension),
                ["depth"] = I(trial.Depth),
                ["lr"] = settings.LearningRate.ToString("R", CultureInfo.InvariantCulture),
                ["epochs"] = I(settings.Epochs),
                ["seed"] = I(settings.Seed),
                ["threads"] = I(settings.Threads),
            },
            Tags = new Dictionary<string, string> { [EvaluationRun.KindTag] = "trial", ["latentops.parentRun"] = parentRunId },
        }).ConfigureAwait(false);
        var now = DateTimeOffset.UtcNow;
        var points = new List<MetricPoint> { new(trial.ScoreName, trial.Score, 0, now), new("seconds", trial.Training.TotalSeconds, 0, now) };
        points.AddRange(trial.Training.Epochs.Select(e => new MetricPoint("trainLoss", e.TrainLoss, e.Epoch, now)));
        points.AddRange(trial.Training.Epochs.Where(e => e.ValidationLoss is not null).Select(e => new MetricPoint("validationLoss", e.ValidationLoss!.Value, e.Epoch, now)));
        await tracking.LogMetricsAsync(run.RunId, points).ConfigureAwait(false);
        await tracking.EndRunAsync(run.RunId).ConfigureAwait(false);
        return run.RunId;
    }

    private static TrialSummary Summary(TrialResult t, string runId) => new(
        t.Trial, t.Rung, runId, t.Settings.Objective.ToString().ToLowerInvariant(), t.Settings.CorruptionRate, t.EmbeddingDimension, t.Depth, t.Settings.LearningRate, t.Training.Epochs.Count, t.Score);

    private static List<TrainingObjective> ParseObjectives(string? text)
    {
        if (text is null)
        {
            return [TrainingObjective.Scarf, TrainingObjective.Dae];
        }

        var objectives = new List<TrainingObjective>();
        foreach (var part in EvaluateCommands.List(text))
        {
            objectives.Add(part.ToLowerInvariant() switch
            {
                "scarf" => TrainingObjective.Scarf,
                "dae" => TrainingObjective.Dae,
                _ => throw LatentOpsException.InvalidInput($"--objective '{part}' is not a self-supervised objective the tuner searches; allowed: scarf, dae."),
            });
        }

        return objectives.Count > 0 ? objectives : throw LatentOpsException.InvalidInput("--objective is empty; allowed: scarf, dae, or both comma-separated.");
    }

    private static List<int> ParseInts(string text, string option)
    {
        var values = new List<int>();
        foreach (var part in EvaluateCommands.List(text))
        {
            values.Add(int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var v)
                ? v
                : throw LatentOpsException.InvalidInput($"{option}: '{part}' is not a whole number; give positive integers, comma-separated."));
        }

        return values;
    }

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The result of <c>latentops tune</c>.</summary>
internal sealed record TuneOutcome(string RunId, string Dataset, string Score, string Budget, int Rungs, bool Cancelled, IReadOnlyList<TrialSummary> Trials, TrialSummary Best, string PackageHash);

/// <summary>One trial as reported.</summary>
internal sealed record TrialSummary(int Trial, int Rung, string RunId, string Objective, double CorruptionRate, int Dimension, int Depth, double LearningRate, int Epochs, double Score);
