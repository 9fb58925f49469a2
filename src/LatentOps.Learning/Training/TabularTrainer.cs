using System.Diagnostics;
using System.Globalization;
using LatentOps.Core.Errors;
using LatentOps.Core.Progress;
using LatentOps.Core.Tables;
using LatentOps.Learning.Encoders;
using LatentOps.Learning.Objectives;
using LatentOps.Learning.Preprocessing;
using LatentOps.Learning.Torch;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LatentOps.Learning.Training;

/// <summary>
/// Trains a tabular encoder on a <see cref="Table"/> with the objective the options name: fits the
/// preprocessing on the training rows, runs Adam with one dispose scope per step, computes a
/// validation loss with fixed corruption after every epoch, stops early, writes an atomic checkpoint
/// after every epoch, resumes from one, and stops cleanly when cancelled. Reports through
/// <see cref="IProgress{T}"/>; never writes to the console and never touches the store.
/// </summary>
public sealed class TabularTrainer
{
    private readonly TrainingOptions options;

    /// <summary>Creates the trainer; options are validated when training starts.</summary>
    public TabularTrainer(TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options;
    }

    /// <summary>Trains on a background thread; see <see cref="Fit"/>.</summary>
    public Task<TrainingResult> FitAsync(Table table, IProgress<ProgressUpdate>? progress = null, CancellationToken cancellationToken = default) =>
        Task.Factory.StartNew(() => Fit(table, progress, cancellationToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>
    /// Trains. Cancellation stops at the next step: the unfinished epoch is dropped, the result has
    /// <see cref="TrainingResult{TModel}.Cancelled"/> set and the model carries the best weights so far (the
    /// last checkpoint, if any, is the state after the last finished epoch).
    /// </summary>
    /// <exception cref="LatentOpsException">Bad options, unusable data, or a checkpoint that does not fit.</exception>
    public TrainingResult Fit(Table table, IProgress<ProgressUpdate>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        options.Validate();
        var clock = Stopwatch.StartNew();
        var threads = options.Threads == 0 ? TorchRuntime.DefaultThreads : options.Threads;
        TorchRuntime.Configure(threads);
        var settings = TrainingSettings.From(options, threads);
        var initial = options.InitialModel;
        if (options.LabelColumn is { } labelName && !table.Contains(labelName))
        {
            throw LatentOpsException.InvalidInput($"Label column '{labelName}' is not in the data. Columns: {string.Join(", ", table.Columns.Select(c => c.Name))}.");
        }

        var datasetHash = TableFingerprint.Of(table);

        // Labels (supervised): rows without a label are left out, which is the few-label regime.
        string[]? classes = null;
        long[]? labels = null;
        var usable = Enumerable.Range(0, table.RowCount).ToArray();
        if (options.Objective == TrainingObjective.Supervised)
        {
            classes = LabelEncoding.ClassesOf(table, options.LabelColumn!);
            labels = LabelEncoding.IndicesOf(table, options.LabelColumn!, classes);
            usable = [.. usable.Where(r => labels[r] >= 0)];
        }

        if (usable.Length < 2)
        {
            throw LatentOpsException.InvalidInput($"Training needs at least 2 rows{(labels is null ? string.Empty : " with a label")}; the data has {usable.Length}.");
        }

        // Seeded validation split.
        var shuffled = (int[])usable.Clone();
        new Random(options.Seed).Shuffle(shuffled);
        var validationCount = (int)Math.Round(shuffled.Length * options.ValidationFraction);
        if (shuffled.Length - validationCount < 2)
        {
            validationCount = 0;
        }

        var validationRows = shuffled[..validationCount];
        var trainRows = shuffled[validationCount..];
        Array.Sort(validationRows);
        Array.Sort(trainRows);
        var trainTable = table.Take(trainRows);
        var validationTable = table.Take(validationRows);

        // Resume: same data, same objective, same architecture.
        (CheckpointState State, Dictionary<string, byte[]> Blobs)? resume = options.ResumeFrom is { } resumePath ? CheckpointFile.Read(resumePath) : null;

        var exclude = options.ExcludeColumns.Concat(options.LabelColumn is null ? [] : [options.LabelColumn]).Distinct(StringComparer.Ordinal).ToList();
        var preprocessor = resume?.State.Preprocessor
            ?? initial?.Preprocessor
            ?? new TabularPreprocessor(new PreprocessorOptions { MaxCategories = options.MaxCategories, ExcludeColumns = exclude }).Fit(trainTable);
        var architecture = initial?.Architecture ?? new EncoderArchitecture
        {
            Kind = EncoderKind.Tabular,
            NumericInputs = preprocessor.NumericWidth,
            CategoryCardinalities = [.. preprocessor.CategoricalColumns.Select(c => c.Cardinality)],
            CategoryEmbeddingDimensions = [.. preprocessor.CategoricalColumns.Select(c => c.EmbeddingDimension)],
            HiddenWidth = options.HiddenWidth,
            Depth = options.Depth,
            EmbeddingDimension = options.EmbeddingDimension,
            LayerNorm = options.LayerNorm,
            Dropout = options.Dropout,
        };
        if (resume is { } r)
        {
            CheckResume(options.ResumeFrom!, r.State, settings, architecture, datasetHash);
        }

        var trainEncoded = preprocessor.Transform(trainTable);
        var validationEncoded = preprocessor.Transform(validationTable);

        var (builtEncoder, builtCorruption, builtObjective) = (default(TabularEncoderModule), default(FeatureCorruption), default(IEncoderObjective));
        var (trainNumeric, trainCategories) = TensorData.All(trainEncoded);
        var (validationNumeric, validationCategories) = TensorData.All(validationEncoded);
        TorchRuntime.Build<object?>(options.Seed, () =>
        {
            builtEncoder = new TabularEncoderModule(architecture);
            builtCorruption = CreateCorruption(preprocessor, trainNumeric, trainCategories);
            builtObjective = CreateObjective(builtCorruption, architecture, classes);
            return null;
        });
        using var encoder = builtEncoder!;
        if (initial is not null)
        {
            TensorData.LoadWeights(encoder, TensorData.SaveWeights(initial.Encoder));
        }

        using var trainLabels = labels is null ? null : tensor(trainRows.Select(i => labels[i]).ToArray(), ScalarType.Int64);
        using var validationLabels = labels is null ? null : tensor(validationRows.Select(i => labels[i]).ToArray(), ScalarType.Int64);
        using var corruption = builtCorruption!;
        using var objective = builtObjective!;
        using var optimizer = optim.Adam(encoder.parameters().Concat(objective.Head.parameters()), options.LearningRate, weight_decay: options.WeightDecay);
        using var generator = new Generator((ulong)options.Seed, CPU);

        var loop = new EpochLoop
        {
            Epochs = options.Epochs,
            BatchSize = options.BatchSize,
            Patience = options.Patience,
            Seed = options.Seed,
            HasValidation = validationRows.Length > 0,
            Unit = "rows",
            CheckpointPath = options.CheckpointPath,
            Resume = resume,
            ResumePath = options.ResumeFrom,

            // Dropout draws from LibTorch's global generator: with Dropout > 0, runs are repeatable
            // only when no other training runs in the same process at the same time.
            BeforeEpoch = options.Dropout > 0 ? epoch => TorchRuntime.Seed(EpochSeed(options.Seed, epoch) ^ 0x5DEECE66DL) : null,
        };
        var outcome = loop.Run(
            new TrainingCheckpointInfo(settings, architecture, preprocessor, classes, datasetHash),
            encoder,
            objective.Head,
            optimizer,
            generator,
            trainEncoded.Rows,
            index => objective.Loss(encoder, trainNumeric.index_select(0, index), trainCategories.index_select(0, index), trainLabels?.index_select(0, index), generator),
            () => Evaluate(encoder, objective, validationNumeric, validationCategories, validationLabels, options.Seed),
            progress,
            cancellationToken);

        var model = BuildModel(preprocessor, architecture, encoder, objective, classes, datasetHash);
        return new TrainingResult
        {
            Settings = settings,
            Architecture = architecture,
            Epochs = outcome.Epochs,
            BestEpoch = outcome.BestEpoch,
            BestValidationLoss = outcome.BestValidationLoss,
            StoppedEarly = outcome.StoppedEarly,
            Cancelled = outcome.Cancelled,
            ResumedAfterEpoch = outcome.ResumedAfterEpoch,
            DatasetHash = datasetHash,
            TrainingRows = trainRows.Length,
            ValidationRows = validationRows.Length,
            TotalSeconds = clock.Elapsed.TotalSeconds,
            Model = model,
        };
    }

    internal static long EpochSeed(int seed, int epoch) => (seed * 1_000_003L) + epoch;

    private TabularEncoderModel BuildModel(FittedPreprocessor preprocessor, EncoderArchitecture architecture, TabularEncoderModule encoder, IEncoderObjective objective, string[]? classes, string datasetHash)
    {
        // The model gets its own copies, so training modules can be freed here.
        var modelEncoder = TorchRuntime.Build(null, () => new TabularEncoderModule(architecture));
        TensorData.LoadWeights(modelEncoder, TensorData.SaveWeights(encoder));
        nn.Module<Tensor, Tensor>? classifier = null;
        if (objective.HeadIsPartOfModel && classes is not null)
        {
            var head = TorchRuntime.Build(null, () => nn.Linear(architecture.EmbeddingDimension, classes.Length));
            TensorData.LoadWeights(head, TensorData.SaveWeights(objective.Head));
            classifier = head;
        }

        return new TabularEncoderModel(preprocessor, architecture, modelEncoder, classifier, classes, options.LabelColumn, options.Objective, datasetHash);
    }

    private static FeatureCorruption CreateCorruption(FittedPreprocessor preprocessor, Tensor numeric, Tensor categories)
    {
        var numericColumnOf = new List<long>();
        var categoryColumnOf = new List<long>();
        for (var c = 0; c < preprocessor.Columns.Count; c++)
        {
            var encoding = preprocessor.Columns[c];
            for (var k = 0; k < encoding.NumericWidth; k++)
            {
                numericColumnOf.Add(c);
            }

            if (encoding.Kind == ColumnEncodingKind.Categorical)
            {
                categoryColumnOf.Add(c);
            }
        }

        return new FeatureCorruption(numeric, categories, [.. numericColumnOf], [.. categoryColumnOf], preprocessor.Columns.Count);
    }

    private IEncoderObjective CreateObjective(FeatureCorruption corruption, EncoderArchitecture architecture, string[]? classes) => options.Objective switch
    {
        TrainingObjective.Scarf => new ScarfObjective(corruption, options.ResolvedCorruptionRate, options.Temperature, architecture.EmbeddingDimension, architecture.HiddenWidth),
        TrainingObjective.Dae => new DenoisingObjective(corruption, options.ResolvedCorruptionRate, architecture),
        TrainingObjective.Supervised => new SupervisedObjective(architecture.EmbeddingDimension, classes!.Length),
        _ => throw new ArgumentOutOfRangeException(nameof(options), options.Objective, "Unknown objective."),
    };

    private double Evaluate(TabularEncoderModule encoder, IEncoderObjective objective, Tensor numeric, Tensor categories, Tensor? labels, int seed)
    {
        encoder.eval();
        objective.Head.eval();
        using var noGrad = no_grad();
        using var generator = new Generator((ulong)seed ^ 0x9E3779B97F4A7C15UL, CPU);
        var rows = numeric.shape[0];
        double sum = 0;
        long counted = 0;
        for (long start = 0; start < rows; start += options.BatchSize)
        {
            var count = Math.Min(options.BatchSize, rows - start);
            if (count < 2)
            {
                continue;
            }

            using var gcPause = GcPause.Enter();
            using var scope = NewDisposeScope();
            var loss = objective.Loss(encoder, numeric.narrow(0, start, count), categories.narrow(0, start, count), labels?.narrow(0, start, count), generator);
            sum += loss.item<float>() * count;
            counted += count;
        }

        return counted == 0 ? double.NaN : sum / counted;
    }

    internal static void CheckResume(string path, CheckpointState state, TrainingSettings settings, EncoderArchitecture architecture, string datasetHash)
    {
        if (state.Architecture.Describe() != architecture.Describe())
        {
            throw LatentOpsException.InvalidInput($"Checkpoint '{path}' is from another architecture ({state.Architecture.Describe()}); this run builds {architecture.Describe()}. Resume with the same options.");
        }

        if (state.Settings.Objective != settings.Objective)
        {
            throw LatentOpsException.InvalidInput($"Checkpoint '{path}' was trained with objective {state.Settings.Objective}; this run asks for {settings.Objective}.");
        }

        if (state.DatasetHash != datasetHash)
        {
            throw LatentOpsException.InvalidInput($"Checkpoint '{path}' was trained on other data (dataset hash {state.DatasetHash[..12]}…, this data {datasetHash[..12]}…); resume on the same dataset version.");
        }
    }

    internal static void LoadWeights(nn.Module module, Dictionary<string, byte[]> blobs, string entry, string path)
    {
        if (!blobs.TryGetValue(entry, out var weights))
        {
            throw LatentOpsException.InvalidInput($"Checkpoint '{path}' has no {entry}.");
        }

        try
        {
            TensorData.LoadWeights(module, weights);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or EndOfStreamException)
        {
            throw LatentOpsException.InvalidInput($"Checkpoint '{path}': {entry} does not fit this architecture ({e.Message}).", e);
        }
    }

    internal static void WriteCheckpoint(
        string path, int epoch, TrainingSettings settings, EncoderArchitecture architecture, FittedPreprocessor preprocessor, string[]? classes, string datasetHash,
        List<EpochRecord> epochs, int bestEpoch, double? bestMetric, int withoutImprovement, nn.Module encoder, nn.Module head, OptimizerHelper optimizer, byte[]? bestEncoder, byte[]? bestHead)
    {
        byte[] optimizerState;
        using (var buffer = new MemoryStream())
        {
            using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
            {
                optimizer.save_state_dict(writer);
            }

            optimizerState = buffer.ToArray();
        }

        var blobs = new Dictionary<string, byte[]>
        {
            [CheckpointFile.EncoderEntry] = TensorData.SaveWeights(encoder),
            [CheckpointFile.HeadEntry] = TensorData.SaveWeights(head),
            [CheckpointFile.OptimizerEntry] = optimizerState,
        };
        if (bestEncoder is not null)
        {
            blobs[CheckpointFile.BestEncoderEntry] = bestEncoder;
            blobs[CheckpointFile.BestHeadEntry] = bestHead!;
        }

        var state = new CheckpointState
        {
            Epoch = epoch,
            Settings = settings,
            Architecture = architecture,
            Preprocessor = preprocessor,
            Classes = classes,
            DatasetHash = datasetHash,
            Epochs = [.. epochs],
            BestEpoch = bestEpoch,
            BestMetric = bestMetric,
            EpochsWithoutImprovement = withoutImprovement,
        };
        CheckpointFile.Write(path, state, blobs);
    }
}
