using LatentOps.Core.Errors;
using LatentOps.Learning.Encoders;
using LatentOps.Learning.Images;
using LatentOps.Learning.Objectives;
using LatentOps.Learning.Tests.Training;
using LatentOps.Learning.Training;

namespace LatentOps.Learning.Tests.Images;

public sealed class ImageTrainerTests
{
    internal static ImageTrainingOptions Small(int epochs = 2, TrainingObjective objective = TrainingObjective.SimClr) => new()
    {
        Objective = objective,
        LabelColumn = objective == TrainingObjective.Supervised ? "label" : null,
        Epochs = epochs,
        BatchSize = 64,
        Channels = 8,
        EmbeddingDimension = 8,
        Threads = 1,
        Seed = 3,
        Patience = 0,
    };

    [Fact]
    public void Fit_Digits_LowersLossAndGivesNeighboursOfTheSameDigit()
    {
        var digits = ImageTables.Digits();
        var options = new ImageTrainingOptions { Epochs = 4, BatchSize = 64, Channels = 32, EmbeddingDimension = 16, Threads = 1, Seed = 3, ValidationFraction = 0 };
        var result = new ImageTrainer(options).Fit(digits);
        using var model = result.Model;
        var e = model.Embed(digits);

        Assert.Equal(4, result.Epochs.Count);
        Assert.True(result.Epochs[^1].TrainLoss < result.Epochs[0].TrainLoss, $"loss {result.Epochs[0].TrainLoss} -> {result.Epochs[^1].TrainLoss}");
        Assert.Equal((300, 16), (e.Rows, e.Dimension));
        Assert.Equal(16, model.PixelScale);
        Assert.Equal((8, 8), (model.Architecture.ImageHeight, model.Architecture.ImageWidth));

        // 1-nearest-neighbour (cosine) agreement: chance is ~0.1.
        var labels = ((Core.Tables.NumericColumn)digits["label"]).Values.ToArray();
        var hits = 0;
        for (var i = 0; i < e.Rows; i++)
        {
            hits += labels[Nearest(e, i)] == labels[i] ? 1 : 0;
        }

        Assert.True(hits / 300.0 > 0.5, $"1-NN agreement {hits / 300.0}");
    }

    [Fact]
    public void Fit_FashionMnist_RecordsEpochsValidationAndAPixelScaleOf255()
    {
        var result = new ImageTrainer(Small()).Fit(ImageTables.Fashion(200));
        using var model = result.Model;

        Assert.Equal(2, result.Epochs.Count);
        Assert.All(result.Epochs, e => Assert.True(e.ValidationLoss is > 0 && e.RowsPerSecond > 0));
        Assert.Equal((180, 20), (result.TrainingRows, result.ValidationRows));
        Assert.Equal(255, model.PixelScale);
        Assert.Equal(784, model.Preprocessor.Columns.Count);
        Assert.Equal(TrainingObjective.SimClr, model.Objective);
        Assert.Null(model.Classes);
    }

    [Fact]
    public void Fit_NewEncoder_UsesTheNormalisedLayoutWithAPooledGridThatDividesTheMap()
    {
        using var fashion = new ImageTrainer(Small(epochs: 1)).Fit(ImageTables.Fashion(40)).Model;
        using var digits = new ImageTrainer(Small(epochs: 1)).Fit(ImageTables.Digits()).Model;

        Assert.Equal((2, 2), (fashion.Architecture.ImageNetwork, fashion.Architecture.ImagePool));
        Assert.Equal((2, 1), (digits.Architecture.ImageNetwork, digits.Architecture.ImagePool));
        Assert.Equal(["conv0", "bn0", "relu0", "conv1", "bn1", "relu1", "conv2", "bn2", "relu2", "conv3", "bn3", "relu3", "pool", "flatten", "output"], fashion.Encoder.named_children().Single().module.named_children().Select(c => c.name));
        Assert.Equal(4, ImageEncoderModule.PoolFor(28, 28, 4));
        Assert.Equal(2, ImageEncoderModule.PoolFor(28, 28, 3));
    }

    [Fact]
    public void Fit_SameSeedSameData_GivesSameWeights()
    {
        var table = ImageTables.Fashion(150);
        using var a = new ImageTrainer(Small()).Fit(table).Model;
        using var b = new ImageTrainer(Small()).Fit(table).Model;
        var other = Small();
        other.Seed = 4;
        using var c = new ImageTrainer(other).Fit(table).Model;

        Assert.True(a.Embed(table).Values.AsSpan().SequenceEqual(b.Embed(table).Values));
        Assert.False(a.Embed(table).Values.AsSpan().SequenceEqual(c.Embed(table).Values));
    }

    [Fact]
    public void Fit_ResumeFromCheckpoint_MatchesUninterruptedRun()
    {
        using var folder = new TempFolder();
        var table = ImageTables.Fashion(150);
        var uninterrupted = new ImageTrainer(Small(epochs: 3)).Fit(table);
        using var reference = uninterrupted.Model;

        var first = Small(epochs: 1);
        first.CheckpointPath = folder.File("run.ckpt");
        new ImageTrainer(first).Fit(table).Model.Dispose();
        var second = Small(epochs: 3);
        second.ResumeFrom = folder.File("run.ckpt");
        second.CheckpointPath = folder.File("run.ckpt");
        var resumed = new ImageTrainer(second).Fit(table);
        using var model = resumed.Model;

        Assert.Equal(1, resumed.ResumedAfterEpoch);
        Assert.Equal(uninterrupted.Epochs.Select(e => e.TrainLoss), resumed.Epochs.Select(e => e.TrainLoss));
        Assert.True(reference.Embed(table).Values.AsSpan().SequenceEqual(model.Embed(table).Values));
        Assert.Equal(["run.ckpt"], Directory.GetFiles(folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Fit_ResumeFromTabularCheckpoint_ThrowsAnotherArchitecture()
    {
        using var folder = new TempFolder();
        var tabular = TabularTrainerTests.Small(epochs: 1);
        tabular.CheckpointPath = folder.File("tabular.ckpt");
        new TabularTrainer(tabular).Fit(SampleTables.LendingClub(100)).Model.Dispose();

        var options = Small();
        options.ResumeFrom = folder.File("tabular.ckpt");
        var e = Assert.Throws<LatentOpsException>(() => new ImageTrainer(options).Fit(ImageTables.Fashion(60)));
        Assert.Equal(ErrorCode.InvalidInput, e.Code);
        Assert.Contains("another architecture", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_Supervised_LearnsClassesAboveChance()
    {
        var train = ImageTables.Fashion(400);
        var options = Small(epochs: 8, TrainingObjective.Supervised);
        options.Channels = 16;
        options.BatchSize = 32;
        options.LearningRate = 0.005;
        var result = new ImageTrainer(options).Fit(train);
        using var model = result.Model;
        var test = ImageTables.Fashion(100, skip: 400);
        var probabilities = model.PredictProbabilities(test);
        var labels = ((Core.Tables.NumericColumn)test["label"]).Values.ToArray();
        var correct = 0;
        for (var r = 0; r < test.RowCount; r++)
        {
            var best = 0;
            for (var k = 1; k < 10; k++)
            {
                best = probabilities[(r * 10) + k] > probabilities[(r * 10) + best] ? k : best;
            }

            correct += model.Classes![best] == labels[r].ToString(System.Globalization.CultureInfo.InvariantCulture) ? 1 : 0;
        }

        Assert.Equal(10, model.Classes!.Count);
        Assert.True(correct > 25, $"held-out accuracy {correct}/100 (chance 10)");
    }

    [Fact]
    public void Fit_TabularObjective_ThrowsNamingTheImageObjectives()
    {
        var options = Small();
        options.Objective = TrainingObjective.Scarf;
        var e = Assert.Throws<LatentOpsException>(() => new ImageTrainer(options).Fit(ImageTables.Fashion(20)));
        Assert.Contains("simclr or supervised", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_TableWithoutPixels_ThrowsNamingTheColumns()
    {
        var e = Assert.Throws<LatentOpsException>(() => new ImageTrainer(Small()).Fit(SampleTables.LendingClub(50)));
        Assert.Equal(ErrorCode.InvalidInput, e.Code);
        Assert.Contains("no pixel columns", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TabularTrainer_SimClr_ThrowsSayingItIsForImages()
    {
        var options = TabularTrainerTests.Small();
        options.Objective = TrainingObjective.SimClr;
        var e = Assert.Throws<LatentOpsException>(() => new TabularTrainer(options).Fit(SampleTables.LendingClub(50)));
        Assert.Contains("image", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_Cancelled_StopsAndReturnsTheModelSoFar()
    {
        using var cancel = new CancellationTokenSource();
        var progress = new Progress(() => cancel.Cancel());
        var result = new ImageTrainer(Small(epochs: 50)).Fit(ImageTables.Fashion(100), progress, cancel.Token);
        using var model = result.Model;

        Assert.True(result.Cancelled);
        Assert.Single(result.Epochs);
    }

    [Fact]
    public void Embed_OtherImageSize_ThrowsInvalidInput()
    {
        using var model = new ImageTrainer(Small(epochs: 1)).Fit(ImageTables.Digits()).Model;
        var e = Assert.Throws<LatentOpsException>(() => model.Embed(new ImageSet(1, 28, 28, new float[784])));
        Assert.Contains("trained on 8x8", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Embed_TableMissingAPixelColumn_ThrowsNamingIt()
    {
        using var model = new ImageTrainer(Small(epochs: 1)).Fit(ImageTables.Digits()).Model;
        var e = Assert.Throws<LatentOpsException>(() => model.Embed(ImageTables.Digits().Drop(["pixel_10"])));
        Assert.Contains("pixel_10", e.Message, StringComparison.Ordinal);
    }

    internal static int Nearest(Embeddings e, int i)
    {
        var best = -1;
        var bestSim = double.MinValue;
        for (var j = 0; j < e.Rows; j++)
        {
            if (j == i)
            {
                continue;
            }

            var sim = Cosine(e.Row(i), e.Row(j));
            if (sim > bestSim)
            {
                (bestSim, best) = (sim, j);
            }
        }

        return best;
    }

    private static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var k = 0; k < a.Length; k++)
        {
            dot += a[k] * b[k];
            na += a[k] * a[k];
            nb += b[k] * b[k];
        }

        return dot / Math.Sqrt((na * nb) + 1e-12);
    }

    /// <summary>Reports synchronously (System.Progress posts to the thread pool, too late for a cancellation test).</summary>
    private sealed class Progress(Action onReport) : IProgress<Core.Progress.ProgressUpdate>
    {
        public void Report(Core.Progress.ProgressUpdate value) => onReport();
    }
}
