using LatentOps.Evaluation.Calibration;
using LatentOps.Evaluation.Metrics;
using LatentOps.Evaluation.Tests.Metrics;

namespace LatentOps.Evaluation.Tests.Calibration;

public sealed class CalibrationTests
{
    public static TheoryData<string> CalibrationCases() =>
        [.. SklearnCase.Load().Where(c => c.Raw.TryGetProperty("calibration", out _)).Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(CalibrationCases))]
    public void Compute_Fixture_EceMceAndBinsEqualNumpyReference(string name)
    {
        var fixture = SklearnCase.Get(name);
        var reference = fixture.Raw.GetProperty("calibration");

        var result = CalibrationAnalysis.Compute(fixture.ToPredictionSet());

        Assert.Equal(15, result.BinCount);
        Assert.Equal(reference.GetProperty("expectedCalibrationError").GetDouble(), result.ExpectedCalibrationError, 1e-9);
        Assert.Equal(reference.GetProperty("maximumCalibrationError").GetDouble(), result.MaximumCalibrationError, 1e-9);
        Assert.Equal(reference.GetProperty("binCounts").EnumerateArray().Select(e => e.GetInt32()), result.Bins.Select(b => b.Count));
    }

    [Theory]
    [MemberData(nameof(CalibrationCases))]
    public void Fit_Fixture_ReachesScipyOptimum(string name)
    {
        var fixture = SklearnCase.Get(name);
        var reference = fixture.Raw.GetProperty("calibration");

        var scaler = TemperatureScaling.Fit(fixture.ToPredictionSet());

        // The loss is flat near the optimum: compare the loss reached, and T where it is well defined.
        Assert.True(scaler.ValidationLossAfter <= reference.GetProperty("nllAfter").GetDouble() + 1e-9, $"{scaler.ValidationLossAfter} vs scipy {reference.GetProperty("nllAfter").GetDouble()}");
        Assert.True(scaler.ValidationLossAfter <= scaler.ValidationLossBefore + 1e-12);
        var t = reference.GetProperty("temperature").GetDouble();
        if (t < 100)
        {
            Assert.Equal(t, scaler.Temperature, t * 1e-5);
        }
    }

    [Fact]
    public void Transform_OverconfidentModel_LowersEceAndKeepsAccuracy()
    {
        // An over-confident model: the true probability is 0.7 but it says 0.97.
        var random = new Random(3);
        var n = 4000;
        var labels = new int[n];
        var scores = new double[n];
        for (var i = 0; i < n; i++)
        {
            var says = random.NextDouble() < 0.5 ? 0.97 : 0.03;
            var truthPositive = random.NextDouble() < (says > 0.5 ? 0.7 : 0.3);
            labels[i] = truthPositive ? 1 : 0;
            scores[i] = says;
        }

        var set = PredictionSet.Binary(labels, scores);
        var half = Enumerable.Range(0, n / 2).ToArray();
        var rest = Enumerable.Range(n / 2, n / 2).ToArray();
        var scaler = TemperatureScaling.Fit(set.Take(half));
        var test = set.Take(rest);
        var calibrated = scaler.Transform(test);

        Assert.True(scaler.Temperature > 1, $"T = {scaler.Temperature}");
        Assert.True(CalibrationAnalysis.Compute(calibrated).ExpectedCalibrationError < CalibrationAnalysis.Compute(test).ExpectedCalibrationError / 3);
        Assert.Equal(test.Predicted.ToArray(), calibrated.Predicted.ToArray());
        Assert.True(MetricCatalog.Get("logLoss").Compute(calibrated) < MetricCatalog.Get("logLoss").Compute(test));
    }

    [Fact]
    public void Compute_PerfectlyCalibratedBin_HasZeroGap()
    {
        var set = PredictionSet.Binary([1, 1, 1, 0], [0.75, 0.75, 0.75, 0.75]);

        var result = CalibrationAnalysis.Compute(set);

        Assert.Equal(0, result.ExpectedCalibrationError, 1e-15);
    }

    [Fact]
    public void Compute_BinsOutOfRange_NamesTheAllowedRange()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => CalibrationAnalysis.Compute(PredictionSet.Binary([1], [0.5]), 1));

        Assert.Contains("between 2 and 1000", error.Message, StringComparison.Ordinal);
    }
}
