using LatentOps.Evaluation.Metrics;
using LatentOps.Evaluation.Probes;
using LatentOps.Evaluation.Robustness;
using LatentOps.Evaluation.Tests.Probes;

namespace LatentOps.Evaluation.Tests.Robustness;

public sealed class FgsmAttackTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Forward_LinearProbe_GradientMatchesFiniteDifferences(int classes)
    {
        var random = new Random(classes);
        var x = Enumerable.Range(0, 120).Select(_ => new[] { (float)Synthetic.Gaussian(random), (float)Synthetic.Gaussian(random), (float)(3 * Synthetic.Gaussian(random)) }).ToArray();
        var y = x.Select(r => Math.Abs(r[0] + r[1]) < 0.5 && classes == 3 ? 2 : r[0] + (0.3 * r[2]) > 0 ? 1 : 0).ToArray();
        var model = LinearProbe.Fit(x, y, classes, new LinearProbeOptions { CandidateCs = [1.0] });

        var (_, gradients) = model.Forward(x[..5], y[..5]);

        for (var i = 0; i < 5; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                const float h = 1e-2f;
                var plus = (float[])x[i].Clone();
                var minus = (float[])x[i].Clone();
                plus[j] += h;
                minus[j] -= h;
                var numeric = (Nll(model, plus, y[i]) - Nll(model, minus, y[i])) / (2 * h);
                Assert.Equal(numeric, gradients[i][j], 1e-3);
            }
        }
    }

    [Fact]
    public void Run_LinearProbe_WorseThanRandomSignsOfSameSize()
    {
        var (x, y) = LinearProbeTests.Separable(600, noise: 0.8, seed: 21);
        var model = LinearProbe.Fit(x, y, 2, new LinearProbeOptions { CandidateCs = [1.0] });
        var accuracy = MetricCatalog.Get("accuracyScore");

        var attack = FgsmAttack.Run(model, x, y, ["0", "1"], accuracy, [0, 0.1, 0.3, 0.6]);
        var random = new Random(1);
        var noisy = x.Select(r => r.Select(v => v + (0.6f * (random.Next(2) * 2 - 1))).ToArray()).ToArray();
        var randomValue = accuracy.Compute(ProbeSuite.ToPredictionSet(model.PredictProbabilities(noisy), y, ["0", "1"]));

        Assert.Equal(0, attack.Points[0].Drop);
        Assert.True(attack.Points[1].Drop > 0 && attack.Points[2].Drop > attack.Points[1].Drop && attack.Points[3].Drop > attack.Points[2].Drop);
        Assert.True(attack.Points[3].Value < randomValue - 0.1, $"FGSM {attack.Points[3].Value} vs random signs {randomValue}");
    }

    private static double Nll(LinearProbeModel model, float[] row, int label) =>
        -Math.Log(model.PredictProbabilities([row])[label]);
}
