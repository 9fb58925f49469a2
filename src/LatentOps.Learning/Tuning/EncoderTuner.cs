using System.Globalization;
using LatentOps.Core.Errors;
using LatentOps.Core.Progress;
using LatentOps.Core.Tables;
using LatentOps.Learning.Training;

namespace LatentOps.Learning.Tuning;

/// <summary>
/// Random search over objective, corruption rate, embedding width, depth and learning rate. Each trial
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

        var trials = new List<TrialResult>();
        TrialResult? best = null;
        var cancelled = false;
        for (var t = 1; t <= options.Trials; t++)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                cancelled = true;
                break;
            }

            var objective = options.Objectives[random.Next(options.Objectives.Count)];
            var trainingOptions = new TrainingOptions
            {
                Objective = objective,
                CorruptionRate = options.CorruptionRates[random.Next(options.CorruptionRates.Count)],
                EmbeddingDimension = options.Dimensions[random.Next(options.Dimensions.Count)],
                Depth = options.Depths[random.Next(options.Depths.Count)],
                LearningRate = Math.Exp(Math.Log(options.LearningRateRange.Min) + (random.NextDouble() * (Math.Log(options.LearningRateRange.Max) - Math.Log(options.LearningRateRange.Min)))),
                Epochs = options.EpochsPerTrial,
                Threads = options.ThreadsPerTrial,
                Seed = options.Seed + t,
                LabelColumn = options.LabelColumn,
            };
            var training = new TabularTrainer(trainingOptions).Fit(train, cancellationToken: cancellationToken);
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
                throw LatentOpsException.InvalidState($"Scorer '{scorer.Name}' returned {score} for trial {t}; a score must be a finite number.");
            }

            var trial = new TrialResult
            {
                Trial = t,
                Settings = training.Settings,
                EmbeddingDimension = trainingOptions.EmbeddingDimension,
                Depth = trainingOptions.Depth,
                ScoreName = scorer.Name,
                Score = score,
                Training = training,
            };
            trials.Add(trial);
            onTrial?.Invoke(trial);
            if (best is null || score > best.Score)
            {
                best?.Training.Model.Dispose();
                best = trial;
            }
            else
            {
                training.Model.Dispose();
            }

            progress?.Report(new ProgressUpdate("trial", t, options.Trials, string.Create(CultureInfo.InvariantCulture, $"{scorer.Name} {score:F4} (best {best.Score:F4}, trial {best.Trial})")));
        }

        if (best is null)
        {
            throw new OperationCanceledException("Tuning was cancelled before any trial finished.", cancellationToken);
        }

        return new TuningResult { Trials = trials, Best = best, Cancelled = cancelled };
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
