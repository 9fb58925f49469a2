using System.Diagnostics;
using System.Globalization;
using LatentOps.Core.Progress;
using LatentOps.Learning.Encoders;
using LatentOps.Learning.Objectives;
using LatentOps.Learning.Torch;
using static TorchSharp.torch;

namespace LatentOps.Learning.Images;

/// <summary>
/// SimCLR-style self-supervised training of the small image CNN: two augmented views per image
/// (crop, shift, noise), NT-Xent over the 2B views through a 2-layer projection head; embeddings are
/// the encoder output. One dispose scope per step; seeded; cancellation stops at the next step.
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

    /// <summary>Trains on <paramref name="images"/> (labels, if any, are not used) and returns the model and the per-epoch losses.</summary>
    public (ImageEncoderModel Model, IReadOnlyList<double> EpochLosses) Fit(ImageSet images, IProgress<ProgressUpdate>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(images);
        options.Validate();
        TorchRuntime.Configure(options.Threads);
        var architecture = new EncoderArchitecture
        {
            Kind = EncoderKind.Image,
            HiddenWidth = options.Channels,
            EmbeddingDimension = options.EmbeddingDimension,
            ImageHeight = images.Height,
            ImageWidth = images.Width,
        };
        var (encoder, head) = TorchRuntime.Build(options.Seed, () => (
            new ImageEncoderModule(architecture),
            nn.Sequential(("linear0", nn.Linear(options.EmbeddingDimension, options.Channels)), ("relu0", nn.ReLU()), ("linear1", nn.Linear(options.Channels, options.EmbeddingDimension)))));
        using var headScope = head;
        using var all = tensor(images.Pixels, [images.Count, 1, images.Height, images.Width]);
        using var optimizer = optim.Adam(encoder.parameters().Concat(head.parameters()), options.LearningRate);
        using var generator = new Generator((ulong)options.Seed, CPU);
        var losses = new List<double>();
        for (var epoch = 1; epoch <= options.Epochs && !cancellationToken.IsCancellationRequested; epoch++)
        {
            generator.manual_seed((options.Seed * 1_000_003L) + epoch);
            encoder.train();
            var clock = Stopwatch.StartNew();
            double sum = 0;
            var steps = 0;
            using var permutation = randperm(images.Count, generator: generator);
            for (var start = 0; start + 2 <= images.Count; start += options.BatchSize)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    break;
                }

                using var gcPause = GcPause.Enter();
                using var scope = NewDisposeScope();
                var batch = all.index_select(0, permutation.narrow(0, start, Math.Min(options.BatchSize, images.Count - start)));
                var a = ImageAugmentation.Apply(batch, generator, options.MinCropScale, options.MaxShift, options.Noise);
                var b = ImageAugmentation.Apply(batch, generator, options.MinCropScale, options.MaxShift, options.Noise);
                var loss = NtXent.Loss(head.forward(encoder.forward(a)), head.forward(encoder.forward(b)), options.Temperature);
                optimizer.zero_grad();
                loss.backward();
                optimizer.step();
                sum += loss.item<float>();
                steps++;
            }

            if (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            losses.Add(sum / Math.Max(1, steps));
            progress?.Report(new ProgressUpdate("epoch", epoch, options.Epochs, string.Create(CultureInfo.InvariantCulture, $"loss {losses[^1]:F4}, {images.Count / clock.Elapsed.TotalSeconds:N0} images/s")));
        }

        return (new ImageEncoderModel(architecture, encoder), losses);
    }
}
