using LatentOps.Core.Tables;
using LatentOps.Data.Reading;
using LatentOps.Evaluation.Metrics;
using LatentOps.Evaluation.Models;
using LatentOps.Evaluation.Robustness;
using LatentOps.Evaluation.Tests.Models;
using LatentOps.Learning.Encoders;
using LatentOps.Learning.Objectives;
using LatentOps.Learning.Training;

namespace LatentOps.Evaluation.Tests.Robustness;

/// <summary>The TorchSharp encoder + head as a differentiable classifier: autograd input gradients against finite differences, and FGSM on it.</summary>
public sealed class TabularModelClassifierTests
{
    private static readonly Lazy<(TabularEncoderModel Model, Table Test)> Trained = new(() =>
    {
        var table = TableReader.ReadAsync(LendingClubModelEvaluationTests.SamplePath()).GetAwaiter().GetResult();
        var train = table.Take([.. Enumerable.Range(0, 1500)]);
        var test = table.Take([.. Enumerable.Range(1500, 400)]);
        var options = new TrainingOptions { Objective = TrainingObjective.Supervised, LabelColumn = "Class", Epochs = 3, EmbeddingDimension = 8, HiddenWidth = 32, Depth = 2, Threads = 1, Seed = 7 };
        return (new TabularTrainer(options).Fit(train).Model, test);
    });

    [Fact]
    public void Forward_TrainedEncoderAndHead_InputGradientsMatchFiniteDifferences()
    {
        var (model, test) = Trained.Value;
        var classifier = TabularModelEvaluation.Differentiable(model);
        var inputs = TabularModelEvaluation.EncodeInputs(model, test.Drop(["Class"]))[..20];
        var labels = Enumerable.Range(0, 20).Select(i => i % 2).ToArray();
        var numeric = model.Architecture.NumericInputs;

        var (probabilities, gradients) = classifier.Forward(inputs, labels);

        Assert.Equal(20 * 2, probabilities.Length);
        var checkedCount = 0;
        for (var row = 0; row < 20; row += 4)
        {
            for (var j = 0; j < numeric; j += 3)
            {
                const float h = 1e-2f;
                var plus = inputs.Select(r => (float[])r.Clone()).ToArray();
                var minus = inputs.Select(r => (float[])r.Clone()).ToArray();
                plus[row][j] += h;
                minus[row][j] -= h;
                var lossPlus = -Math.Log(classifier.Forward(plus, labels).Probabilities[(row * 2) + labels[row]]);
                var lossMinus = -Math.Log(classifier.Forward(minus, labels).Probabilities[(row * 2) + labels[row]]);
                var numericGradient = (lossPlus - lossMinus) / (2 * h);
                Assert.True(Math.Abs(numericGradient - gradients[row][j]) <= 2e-3 + (0.05 * Math.Abs(numericGradient)),
                    $"row {row}, input {j}: autograd {gradients[row][j]}, finite difference {numericGradient}");
                checkedCount++;
            }

            // Category indices are discrete: no gradient, so FGSM never changes them.
            Assert.All(gradients[row][numeric..], g => Assert.Equal(0f, g));
        }

        Assert.True(checkedCount >= 10);
    }

    [Fact]
    public void FgsmRun_TrainedEncoderAndHead_CostsMoreThanNothingAndStartsClean()
    {
        var (model, test) = Trained.Value;
        var inputs = TabularModelEvaluation.EncodeInputs(model, test.Drop(["Class"]));
        var classes = model.Classes!;
        var column = (StringColumn)test["Class"];
        var labels = Enumerable.Range(0, test.RowCount).Select(i => classes.ToList().IndexOf(column[i]!)).ToArray();

        var result = FgsmAttack.Run(TabularModelEvaluation.Differentiable(model), inputs, labels, classes, MetricCatalog.Get("logLoss"), [0, 0.1, 0.5]);

        Assert.Equal(0, result.Points[0].Drop);
        Assert.True(result.Points[2].Drop > result.Points[1].Drop && result.Points[1].Drop > 0, "log loss should rise with the attack strength");
    }
}
