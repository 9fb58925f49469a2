using System.Globalization;
using LatentOps.Core.Errors;
using LatentOps.Core.Progress;
using LatentOps.Core.Tables;
using LatentOps.Learning.Training;

namespace LatentOps.Learning.Tuning;

/// <summary>
/// Random search (optionally with successive halving, <see cref="TuningStrategy"/>) over objective,
/// corruption rate, embedding width, depth and learning rate. Each trial
/// trains an encoder on the training part of a seeded split and is scored by an
/// <see cref="IRepresentationScorer"/> on the embeddings of the held-out part; the best trial's model
/// is kept. Each finished trial is also handed to <c>onTrial</c> so a caller can record it as a run.
/// </summary>
public sealed class EncoderTuner
{
    private readonly TuningOptions options;
    private readonly IRepresentationScorer scorer;

    /// <summary>Creates the tuner; options are validated when tuning starts.</summary>
    public EncoderTuner(TuningOptions options, IRepresentationScorer scorer)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(scorer);
        this.options = options;
        this.scorer = scorer;
    }

    /// <summary>Runs the search on a background thread.</summary>
    public Task<TuningResult> TuneAsync(Table table, IProgress<ProgressUpdate>? progress = null, Action<TrialResult>? onTrial = null, CancellationToken cancellationToken = default) =>
        Task.Factory.StartNew(() => Tune(table, progress, onTrial, cancellationToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>Runs the search.</summary>
    /// <exception cref="LatentOpsException">Bad options or data; a scorer returning a non-finite score.</exception>
    public TuningResult Tune(Table table, IProgress<ProgressUpdate>? progress = null, Action<TrialResult>? onTrial = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        options.Validate();
        if (options.LabelColumn is { } label && !table.Contains(label))
        {
            throw LatentOpsException.InvalidInput($"Label column '{label}' is not in the data. Columns: {string.Join(", ", table.Columns.Select(c => c.Name))}.");
        }

        var rows = Enumerable.Range(0, table.RowCount).ToArray();
        var random = new Random(options.Seed);
        random.Shuffle(rows);
        var scoringCount = (int)Math.Round(rows.Length * options.ScoringFraction);
        if (scoringCount < 2 || rows.Length - scoringCount < 4)
        {
            throw LatentOpsException.InvalidInput($"Tuning needs at least 6 rows (4 to train, 2 to score); the data has {rows.Length}.");
        }

        var scoreRows = rows[..scoringCount].Order().ToArray();
        var trainRows = rows[scoringCount..].Order().ToArray();
        var train = table.Take(trainRows);
        var held = table.Take(scoreRows);
        var trainLabels = LabelsOf(train);
        var heldLabels = LabelsOf(held);

        // Every trial's settings are drawn up front, in trial order, so a seed gives the same candidates under either strategy.
        var candidates = new List<(int Trial, TrainingOptions Options)>();
        for (var t = 1; t <= options.Trials; t++)
        {
            candidates.Add((t, new TrainingOptions
            {
                Objective = options.Objectives[random.Next(options.Objectives.Count)],
                CorruptionRate = options.CorruptionRates[random.Next(options.CorruptionRates.Count)],
                EmbeddingDimension = options.Dimensions[random.Next(options.Dimensions.Count)],
                Depth = options.Depths[random.Next(options.Depths.Count)],
                LearningRate = Math.Exp(Math.Log(options.LearningRateRange.Min) + (random.NextDouble() * (Math.Log(options.LearningRateRange.Max) - Math.Log(options.LearningRateRange.Min)))),
                Epochs = options.EpochsPerTrial,
                Threads = options.ThreadsPerTrial,
                Seed = options.Seed + t,
                LabelColumn = options.LabelColumn,
            }));
        }

        var rungs = options.Strategy == TuningStrategy.SuccessiveHalving ? Rungs(options.Trials, options.Eta, options.EpochsPerTrial) : [(options.Trials, options.EpochsPerTrial)];
        var totalRuns = rungs.Sum(r => r.Candidates);
        var trials = new List<TrialResult>();
        TrialResult? best = null;
        var cancelled = false;
        var survivors = candidates;
        for (var rung = 0; rung < rungs.Count && !cancelled; rung++)
        {
            var epochs = rungs[rung].Epochs;
            var scored = new List<TrialResult>();
            foreach (var (number, candidate) in survivors)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    cancelled = true;
                    break;
                }

                candidate.Epochs = epochs;
                var training = new TabularTrainer(candidate).Fit(train, cancellationToken: cancellationToken);
                if (training.Cancelled)
                {
                    training.Model.Dispose();
                    cancelled = true;
                    break;
                }

                var score = scorer.Score(new RepresentationScoringInput(training.Model.Embed(train), training.Model.Embed(held), trainLabels, heldLabels));
                if (!double.IsFinite(score))
                {
                    training.Model.Dispose();
                    throw LatentOpsException.InvalidState($"Scorer '{scorer.Name}' returned {score} for trial {number}; a score must be a finite number.");
                }

                var trial = new TrialResult
                {
                    Trial = number,
                    Rung = rung,
                    Settings = training.Settings,
                    EmbeddingDimension = candidate.EmbeddingDimension,
                    Depth = candidate.Depth,
                    ScoreName = scorer.Name,
                    Score = score,
                    Training = training,
                };
                trials.Add(trial);
                scored.Add(trial);
                onTrial?.Invoke(trial);

                // The best is judged at the largest budget reached: a later rung replaces an earlier rung's best.
                if (best is null || best.Rung < rung || score > best.Score)
                {
                    best?.Training.Model.Dispose();
                    best = trial;
                }
                else
                {
                    training.Model.Dispose();
                }

                progress?.Report(new ProgressUpdate("trial", trials.Count, totalRuns, string.Create(CultureInfo.InvariantCulture,
                    $"{(rungs.Count > 1 ? $"rung {rung + 1}/{rungs.Count} ({epochs} epochs), " : string.Empty)}trial {number}: {scorer.Name} {score:F4} (best {best.Score:F4}, trial {best.Trial})")));
            }

            var keep = rung + 1 < rungs.Count ? rungs[rung + 1].Candidates : 0;
            var promoted = scored.OrderByDescending(t => t.Score).ThenBy(t => t.Trial).Take(keep).Select(t => t.Trial).ToHashSet();
            survivors = [.. survivors.Where(c => promoted.Contains(c.Trial))];
        }

        if (best is null)
        {
            throw new OperationCanceledException("Tuning was cancelled before any trial finished.", cancellationToken);
        }

        return new TuningResult { Trials = trials, Best = best, Cancelled = cancelled, Strategy = options.Strategy, Rungs = rungs.Count };
    }

    /// <summary>
    /// Successive halving (Jamieson and Talwalkar 2016): rung r trains n / eta^r candidates for
    /// E / eta^(R-1-r) epochs (at least 1), so the last rung trains the survivors with the full budget E.
    /// </summary>
    internal static List<(int Candidates, int Epochs)> Rungs(int trials, int eta, int epochs)
    {
        var rungs = new List<(int Candidates, int Epochs)>();
        var count = trials;
        while (true)
        {
            rungs.Add((count, 0));
            if (count <= 1)
            {
                break;
            }

            count = Math.Max(1, count / eta);
        }

        for (var r = 0; r < rungs.Count; r++)
        {
            var budget = epochs / Math.Pow(eta, rungs.Count - 1 - r);
            rungs[r] = (rungs[r].Candidates, Math.Max(1, (int)Math.Round(budget)));
        }

        return rungs;
    }

    private string?[]? LabelsOf(Table part)
    {
        if (options.LabelColumn is not { } label)
        {
            return null;
        }

        var column = part[label];
        return [.. Enumerable.Range(0, part.RowCount).Select(r => LabelEncoding.TextOf(column, r))];
    }
}
