using LatentOps.Core.Errors;
using LatentOps.Learning.Training;

namespace LatentOps.Learning.Tests.Training;

public sealed class DeterminismAndResumeTests
{
    [Fact]
    public void Fit_SameSeedSameData_GivesSameWeights()
    {
        var table = SampleTables.LendingClub(250);
        using var a = new TabularTrainer(TabularTrainerTests.Small()).Fit(table).Model;
        using var b = new TabularTrainer(TabularTrainerTests.Small()).Fit(table).Model;
        Assert.True(a.Embed(table).Values.AsSpan().SequenceEqual(b.Embed(table).Values));
    }

    [Fact]
    public void Fit_OtherSeed_GivesOtherWeights()
    {
        var table = SampleTables.LendingClub(120);
        var other = TabularTrainerTests.Small();
        other.Seed = 8;
        using var a = new TabularTrainer(TabularTrainerTests.Small()).Fit(table).Model;
        using var b = new TabularTrainer(other).Fit(table).Model;
        Assert.False(a.Embed(table).Values.AsSpan().SequenceEqual(b.Embed(table).Values));
    }

    [Fact]
    public void Fit_ResumeFromCheckpoint_MatchesUninterruptedRun()
    {
        using var folder = new TempFolder();
        var table = SampleTables.LendingClub(250);
        var full = TabularTrainerTests.Small(epochs: 3);
        full.Patience = 0;
        var uninterrupted = new TabularTrainer(full).Fit(table);
        using var reference = uninterrupted.Model;

        // A run killed after epoch 1 leaves its checkpoint; a new process resumes with the same options.
        var first = TabularTrainerTests.Small(epochs: 1);
        first.Patience = 0;
        first.CheckpointPath = folder.File("run.ckpt");
        new TabularTrainer(first).Fit(table).Model.Dispose();
        var second = TabularTrainerTests.Small(epochs: 3);
        second.Patience = 0;
        second.ResumeFrom = folder.File("run.ckpt");
        var resumed = new TabularTrainer(second).Fit(table);
        using var model = resumed.Model;

        Assert.Equal(1, resumed.ResumedAfterEpoch);
        Assert.Equal(3, resumed.Epochs.Count);
        Assert.Equal(uninterrupted.Epochs.Select(e => e.TrainLoss), resumed.Epochs.Select(e => e.TrainLoss));
        Assert.True(reference.Embed(table).Values.AsSpan().SequenceEqual(model.Embed(table).Values));
    }

    [Fact]
    public void Fit_ResumeFromOtherArchitecture_ThrowsInvalidInput()
    {
        using var folder = new TempFolder();
        var table = SampleTables.LendingClub(120);
        var first = TabularTrainerTests.Small(epochs: 1);
        first.CheckpointPath = folder.File("a.ckpt");
        new TabularTrainer(first).Fit(table).Model.Dispose();

        var other = TabularTrainerTests.Small(epochs: 2);
        other.EmbeddingDimension = 16;
        other.ResumeFrom = folder.File("a.ckpt");
        var e = Assert.Throws<LatentOpsException>(() => new TabularTrainer(other).Fit(table));
        Assert.Equal(ErrorCode.InvalidInput, e.Code);
        Assert.Contains("another architecture", e.Message);
    }

    [Fact]
    public void Fit_CheckpointEveryEpoch_LeavesNoPartialFiles()
    {
        using var folder = new TempFolder();
        var options = TabularTrainerTests.Small(epochs: 2);
        options.CheckpointPath = folder.File("c.ckpt");
        new TabularTrainer(options).Fit(SampleTables.LendingClub(100)).Model.Dispose();
        Assert.Equal(["c.ckpt"], Directory.GetFiles(folder.Path).Select(Path.GetFileName));
    }
}
