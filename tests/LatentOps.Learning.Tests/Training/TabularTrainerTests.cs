using LatentOps.Core.Errors;
using LatentOps.Core.Progress;
using LatentOps.Learning.Objectives;
using LatentOps.Learning.Training;

namespace LatentOps.Learning.Tests.Training;

public sealed class TabularTrainerTests
{
    internal static TrainingOptions Small(TrainingObjective objective = TrainingObjective.Scarf, int epochs = 2) => new()
    {
        Objective = objective,
        Epochs = epochs,
        BatchSize = 64,
        HiddenWidth = 32,
        EmbeddingDimension = 8,
        Threads = 1,
        Seed = 7,
        LabelColumn = "Class",
    };

    [Fact]
    public void Fit_Scarf_RecordsEpochsAndEmbedsEveryRow()
    {
        var table = SampleTables.LendingClub(300);
        var updates = new List<ProgressUpdate>();
        using var result = new TabularTrainer(Small()).Fit(table, new SyncProgress(updates)).Model;
        var run = new TabularTrainer(Small()).Fit(table);
        using var model = run.Model;

        Assert.Equal(2, run.Epochs.Count);
        Assert.All(run.Epochs, e => Assert.True(double.IsFinite(e.TrainLoss) && e.ValidationLoss is > 0));
        Assert.Equal(270, run.TrainingRows);
        Assert.Equal(30, run.ValidationRows);
        Assert.Equal(0.6, run.Settings.CorruptionRate);
        Assert.Equal(64, run.DatasetHash.Length);
        Assert.Equal(2, updates.Count);
        Assert.Contains("rows/s", updates[^1].Detail);
        var embeddings = model.Embed(table);
        Assert.Equal((300, 8), (embeddings.Rows, embeddings.Dimension));
        Assert.All(embeddings.Values, v => Assert.True(float.IsFinite(v)));
        Assert.DoesNotContain(model.Preprocessor.Columns, c => c.Column == "Class");
    }

    [Fact]
    public void Fit_ScarfSeveralEpochs_LowersTrainingLoss()
    {
        var options = Small(epochs: 6);
        options.LearningRate = 3e-3;
        using var model = new TabularTrainer(options).Fit(SampleTables.LendingClub(400)) is var run ? run.Model : null!;
        Assert.True(run.Epochs[^1].TrainLoss < run.Epochs[0].TrainLoss, $"loss {run.Epochs[0].TrainLoss} -> {run.Epochs[^1].TrainLoss}");
    }

    [Fact]
    public void Fit_ZeroEpochs_ThrowsNamingRange()
    {
        var options = Small(epochs: 0);
        var e = Assert.Throws<LatentOpsException>(() => new TabularTrainer(options).Fit(SampleTables.LendingClub(20)));
        Assert.Contains("Epochs is 0; allowed: 1 to 100000", e.Message);
    }

    [Fact]
    public void Fit_UnknownObjective_ThrowsListingAllowed()
    {
        var options = Small((TrainingObjective)42);
        var e = Assert.Throws<LatentOpsException>(() => new TabularTrainer(options).Fit(SampleTables.LendingClub(20)));
        Assert.Contains("allowed: scarf, dae, supervised", e.Message);
    }

    [Fact]
    public async Task FitAsync_Scarf_ReturnsSameResultShapeOffThread()
    {
        var run = await new TabularTrainer(Small(epochs: 1)).FitAsync(SampleTables.LendingClub(100));
        using var model = run.Model;
        Assert.Single(run.Epochs);
        Assert.False(run.Cancelled);
    }

    [Fact]
    public void Fit_SupervisedLabelWithOneClass_Throws()
    {
        var all = SampleTables.LendingClub(60);
        var label = (LatentOps.Core.Tables.StringColumn)all["Class"];
        var table = all.Take([.. Enumerable.Range(0, 60).Where(r => label[r] == "good")]);
        var e = Assert.Throws<LatentOpsException>(() => new TabularTrainer(Small(TrainingObjective.Supervised)).Fit(table));
        Assert.Equal(ErrorCode.InvalidInput, e.Code);
        Assert.Contains("'Class' has 1 class ('good')", e.Message);
    }

    [Fact]
    public void Fit_UnknownLabelColumn_ThrowsNamingColumns()
    {
        var options = Small(TrainingObjective.Supervised);
        options.LabelColumn = "nope";
        var e = Assert.Throws<LatentOpsException>(() => new TabularTrainer(options).Fit(SampleTables.LendingClub(20)));
        Assert.Contains("'nope'", e.Message);
    }

    [Fact]
    public void Fit_CancelledToken_StopsAndFlagsResult()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var run = new TabularTrainer(Small(epochs: 5)).Fit(SampleTables.LendingClub(200), cancellationToken: cts.Token);
        using var model = run.Model;

        Assert.True(run.Cancelled);
        Assert.Empty(run.Epochs);
        Assert.Equal(8, model.Embed(SampleTables.LendingClub(3)).Dimension);
    }

    [Fact]
    public void Fit_EarlyStoppingWithPatience1_StopsBeforeBudget()
    {
        var options = Small(epochs: 200);
        options.Patience = 1;
        options.LearningRate = 0.05; // noisy on purpose: validation loss soon stops improving
        var run = new TabularTrainer(options).Fit(SampleTables.LendingClub(200));
        using var model = run.Model;

        Assert.True(run.StoppedEarly);
        Assert.True(run.Epochs.Count < 200);
        Assert.Equal(run.Epochs.MinBy(e => e.ValidationLoss)!.Epoch, run.BestEpoch);
    }

    private sealed class SyncProgress(List<ProgressUpdate> updates) : IProgress<ProgressUpdate>
    {
        public void Report(ProgressUpdate value) => updates.Add(value);
    }
}
