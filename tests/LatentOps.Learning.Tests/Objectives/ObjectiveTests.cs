using LatentOps.Learning.Objectives;
using LatentOps.Learning.Tests.Training;
using LatentOps.Learning.Training;
using static TorchSharp.torch;

namespace LatentOps.Learning.Tests.Objectives;

public sealed class ObjectiveTests
{
    [Fact]
    public void Fit_Dae_UsesSwapNoiseDefaultAndEmbeds()
    {
        var table = SampleTables.LendingClub(200);
        var run = new TabularTrainer(TabularTrainerTests.Small(TrainingObjective.Dae)).Fit(table);
        using var model = run.Model;

        Assert.Equal(0.15, run.Settings.CorruptionRate);
        Assert.All(run.Epochs, e => Assert.True(double.IsFinite(e.TrainLoss) && e.TrainLoss > 0));
        Assert.Equal(TrainingObjective.Dae, model.Objective);
        Assert.Null(model.Classes);
        Assert.Equal(8, model.Embed(table).Dimension);
    }

    [Fact]
    public void Fit_FineTuneFromScarf_StartsFromPretrainedEncoderAndKeepsPreprocessing()
    {
        var table = SampleTables.LendingClub(400);
        using var pretrained = new TabularTrainer(TabularTrainerTests.Small()).Fit(table).Model;

        // Few labels: only every fifth row keeps its label.
        var label = (LatentOps.Core.Tables.StringColumn)table["Class"];
        var few = new LatentOps.Core.Tables.Table([.. table.Columns.Where(c => c.Name != "Class"),
            new LatentOps.Core.Tables.StringColumn("Class", [.. Enumerable.Range(0, table.RowCount).Select(r => r % 5 == 0 ? label[r] : null)])]);
        var options = TabularTrainerTests.Small(TrainingObjective.Supervised, epochs: 1);
        options.InitialModel = pretrained;
        options.LearningRate = 1e-9; // so small that the fine-tuned encoder still matches the pre-trained one
        var run = new TabularTrainer(options).Fit(few);
        using var tuned = run.Model;

        Assert.True(run.Settings.FineTuned);
        Assert.Equal(80, run.TrainingRows + run.ValidationRows);
        Assert.Same(pretrained.Preprocessor, tuned.Preprocessor);
        var a = pretrained.Embed(table).Values;
        var b = tuned.Embed(table).Values;
        Assert.True(a.Zip(b).Max(p => Math.Abs(p.First - p.Second)) < 1e-3);
        Assert.Equal(["bad", "good"], tuned.Classes);
    }

    [Fact]
    public void Corrupt_Rate06_ReplacesAboutSixtyPercentFromEachColumnsMarginal()
    {
        // Column 0 holds values 0..99, column 1 holds 1000..1099: replacements must stay in their column.
        var rows = 100;
        using var pool = tensor(Enumerable.Range(0, rows).SelectMany(i => new float[] { i, 1000 + i }).ToArray(), [rows, 2]);
        using var noCategories = zeros([rows, 0], ScalarType.Int64);
        using var corruption = new FeatureCorruption(pool, noCategories, [0, 1], [], 2);
        using var generator = new Generator(1, CPU);
        using var batch = full([4000, 2], -1f);
        var (numeric, _, mask, _) = corruption.Corrupt(batch, zeros([4000, 0], ScalarType.Int64), 0.6, generator);

        var share = mask.to_type(ScalarType.Float32).mean().item<float>();
        Assert.InRange(share, 0.57f, 0.63f);
        var values = numeric.data<float>().ToArray();
        for (var i = 0; i < values.Length; i += 2)
        {
            Assert.True(values[i] == -1 || values[i] is >= 0 and < 100);
            Assert.True(values[i + 1] == -1 || values[i + 1] is >= 1000 and < 1100);
        }
    }
}
