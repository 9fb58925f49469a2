using System.Diagnostics;
using System.Globalization;
using LatentOps.Core.Errors;
using LatentOps.Core.Progress;
using LatentOps.Core.Tables;
using LatentOps.Learning.Encoders;
using LatentOps.Learning.Objectives;
using LatentOps.Learning.Preprocessing;
using LatentOps.Learning.Torch;
using LatentOps.Learning.Training;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LatentOps.Learning.Images;

/// <summary>
/// Trains the small image CNN on the images of a table (<c>pixel_0</c> ... columns, see
/// <see cref="ImageLayout"/>): SimCLR-style (two augmented views per image, crop + shift + noise,
/// NT-Xent through a 2-layer projection head; embeddings are the encoder output) or supervised
/// (cross-entropy through a linear head on the plain images). Like the tabular trainer: a seeded
/// validation split whose loss drives early stopping, an atomic checkpoint after every epoch, resume
/// from one, one dispose scope per step, and cancellation that stops at the next step. Reports through
/// <see cref="IProgress{T}"/>; never writes to the console and never touches the store.
/// </summary>
public sealed class ImageTrainer
{
    private readonly ImageTrainingOptions options;

    /// <summary>Creates the trainer; options are validated when training starts.</summary>
    public ImageTrainer(ImageTrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options;
    }

    /// <summary>Trains on a background thread; see <see cref="Fit"/>.</summary>
    public Task<ImageTrainingResult> FitAsync(Table table, IProgress<ProgressUpdate>? progress = null, CancellationToken cancellationToken = default) =>
        Task.Factory.StartNew(() => Fit(table, progress, cancellationToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>
    /// Trains. Cancellation stops at the next step: the unfinished epoch is dropped, the result has
    /// <see cref="TrainingResult{TModel}.Cancelled"/> set and the model carries the best weights so far.
    /// </summary>
    /// <exception cref="LatentOpsException">Bad options, no images in the data, or a checkpoint that does not fit.</exception>
    public ImageTrainingResult Fit(Table table, IProgress<ProgressUpdate>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        options.Validate();
        var clock = Stopwatch.StartNew();
        var threads = options.Threads == 0 ? TorchRuntime.DefaultThreads : options.Threads;
        TorchRuntime.Configure(threads);
        var settings = Settings(threads);
        var initial = options.InitialModel;
        if (options.LabelColumn is { } labelName && !table.Contains(labelName))
        {
            throw LatentOpsException.InvalidInput($"Label column '{labelName}' is not in the data. Columns: {Columns(table)}.");
        }

        var layout = ImageLayout.Detect(table)
            ?? throw LatentOpsException.InvalidInput($"The data has no pixel columns (pixel_0 ... pixel_{{n-1}}), so it holds no images; ingest IDX image files (latentops data ingest train-images-idx3-ubyte.gz). Columns: {Columns(table)}.");
        if (initial is not null && (initial.Architecture.ImageHeight != layout.Height || initial.Architecture.ImageWidth != layout.Width))
        {
            throw LatentOpsException.InvalidInput($"The model to start from was trained on {initial.Architecture.ImageHeight}x{initial.Architecture.ImageWidth} images; this data holds {layout.Height}x{layout.Width} images.");
        }

        var datasetHash = TableFingerprint.Of(table);
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
            throw LatentOpsException.InvalidInput($"Training needs at least 2 images{(labels is null ? string.Empty : " with a label")}; the data has {usable.Length}.");
        }

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

        (CheckpointState State, Dictionary<string, byte[]> Blobs)? resume = options.ResumeFrom is { } resumePath ? CheckpointFile.Read(resumePath) : null;
        var preprocessor = resume?.State.Preprocessor
            ?? initial?.Preprocessor
            ?? ImagePreprocessing.Fit(trainTable, layout, options.PixelScale);
        var architecture = initial?.Architecture ?? new EncoderArchitecture
        {
            Kind = EncoderKind.Image,
            HiddenWidth = options.Channels,
            EmbeddingDimension = options.EmbeddingDimension,
            ImageHeight = layout.Height,
            ImageWidth = layout.Width,
            ImageNetwork = ImageEncoderModule.CurrentNetwork,
            ImagePool = ImageEncoderModule.PoolFor(layout.Height, layout.Width, options.PoolSize),
        };
        if (resume is { } r)
        {
            TabularTrainer.CheckResume(options.ResumeFrom!, r.State, settings, architecture, datasetHash);
        }

        var (height, width) = (architecture.ImageHeight, architecture.ImageWidth);
        var trainImages = ImagePreprocessing.Images(preprocessor, trainTable, height, width);
        var validationImages = ImagePreprocessing.Images(preprocessor, validationTable, height, width);
        using var trainPixels = tensor(trainImages.Pixels, [trainImages.Count, 1, height, width]);
        using var validationPixels = tensor(validationImages.Pixels, [validationImages.Count, 1, height, width]);
        var (builtEncoder, builtHead) = TorchRuntime.Build(options.Seed, () => (new ImageEncoderModule(architecture), CreateHead(architecture, classes)));
        using var encoder = builtEncoder;
        using var head = builtHead;
        if (initial is not null)
        {
            TensorData.LoadWeights(encoder, TensorData.SaveWeights(initial.Encoder));
        }

        using var trainLabels = labels is null ? null : tensor(trainRows.Select(i => labels[i]).ToArray(), ScalarType.Int64);
        using var validationLabels = labels is null ? null : tensor(validationRows.Select(i => labels[i]).ToArray(), ScalarType.Int64);
        using var optimizer = optim.Adam(encoder.parameters().Concat(head.parameters()), options.LearningRate);
        using var generator = new Generator((ulong)options.Seed, CPU);

        var loop = new EpochLoop
        {
            Epochs = options.Epochs,
            BatchSize = options.BatchSize,
            Patience = options.Patience,
            Seed = options.Seed,
            HasValidation = validationCount > 0,
            Unit = "images",
            CheckpointPath = options.CheckpointPath,
            Resume = resume,
            ResumePath = options.ResumeFrom,
        };
        var outcome = loop.Run(
            new TrainingCheckpointInfo(settings, architecture, preprocessor, classes, datasetHash),
            encoder,
            head,
            optimizer,
            generator,
            trainImages.Count,
            index => Loss(encoder, head, trainPixels.index_select(0, index), trainLabels?.index_select(0, index), generator),
            () => Evaluate(encoder, head, validationPixels, validationLabels),
            progress,
            cancellationToken);

        return new ImageTrainingResult
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
            Model = BuildModel(preprocessor, architecture, encoder, head, classes, datasetHash),
        };
    }

    private TrainingSettings Settings(int threads) => new()
    {
        Objective = options.Objective,
        Epochs = options.Epochs,
        BatchSize = options.BatchSize,
        LearningRate = options.LearningRate,
        WeightDecay = 0,
        Seed = options.Seed,
        Threads = threads,
        ValidationFraction = options.ValidationFraction,
        Patience = options.Patience,
        CorruptionRate = 0,
        Temperature = options.Temperature,
        LabelColumn = options.LabelColumn,
        FineTuned = options.InitialModel is not null,
    };

    /// <summary>SimCLR: the 2-layer projection head (not part of the model); supervised: the linear classifier.</summary>
    private nn.Module<Tensor, Tensor> CreateHead(EncoderArchitecture architecture, string[]? classes) => classes is null
        ? nn.Sequential(("linear0", nn.Linear(architecture.EmbeddingDimension, options.Channels)), ("relu0", nn.ReLU()), ("linear1", nn.Linear(options.Channels, architecture.EmbeddingDimension)))
        : nn.Linear(architecture.EmbeddingDimension, classes.Length);

    private Tensor Augment(Tensor images, Generator generator) => ImageAugmentation.Apply(images, generator, options.MinCropScale, options.MaxShift, options.HorizontalFlip, options.Noise);

    private Tensor Loss(ImageEncoderModule encoder, nn.Module<Tensor, Tensor> head, Tensor images, Tensor? labels, Generator generator)
    {
        if (options.Objective == TrainingObjective.Supervised)
        {
            return nn.functional.cross_entropy(head.forward(encoder.forward(images)), labels!);
        }

        var a = Augment(images, generator);
        var b = Augment(images, generator);
        return NtXent.Loss(head.forward(encoder.forward(a)), head.forward(encoder.forward(b)), options.Temperature);
    }

    /// <summary>The validation loss: fixed augmentations (a generator seeded the same every epoch) for SimCLR, cross-entropy for supervised.</summary>
    private double Evaluate(ImageEncoderModule encoder, nn.Module<Tensor, Tensor> head, Tensor images, Tensor? labels)
    {
        encoder.eval();
        head.eval();
        using var noGrad = no_grad();
        using var generator = new Generator((ulong)options.Seed ^ 0x9E3779B97F4A7C15UL, CPU);
        var rows = images.shape[0];
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
            var loss = Loss(encoder, head, images.narrow(0, start, count), labels?.narrow(0, start, count), generator);
            sum += loss.item<float>() * count;
            counted += count;
        }

        return counted == 0 ? double.NaN : sum / counted;
    }

    private ImageEncoderModel BuildModel(FittedPreprocessor preprocessor, EncoderArchitecture architecture, ImageEncoderModule encoder, nn.Module<Tensor, Tensor> head, string[]? classes, string datasetHash)
    {
        // The model gets its own copies, so the training modules can be freed here.
        var modelEncoder = TorchRuntime.Build(null, () => new ImageEncoderModule(architecture));
        TensorData.LoadWeights(modelEncoder, TensorData.SaveWeights(encoder));
        nn.Module<Tensor, Tensor>? classifier = null;
        if (classes is not null)
        {
            var linear = TorchRuntime.Build(null, () => nn.Linear(architecture.EmbeddingDimension, classes.Length));
            TensorData.LoadWeights(linear, TensorData.SaveWeights(head));
            classifier = linear;
        }

        return new ImageEncoderModel(preprocessor, architecture, modelEncoder, classifier, classes, options.LabelColumn, options.Objective, datasetHash);
    }

    private static string Columns(Table table) =>
        table.Columns.Count <= 12
            ? string.Join(", ", table.Columns.Select(c => c.Name))
            : $"{string.Join(", ", table.Columns.Take(12).Select(c => c.Name))} ... ({table.Columns.Count} in all)";
}
