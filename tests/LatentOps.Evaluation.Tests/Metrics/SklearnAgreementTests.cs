using LatentOps.Evaluation.Metrics;

namespace LatentOps.Evaluation.Tests.Metrics;

/// <summary>Every metric against scikit-learn 1.2.1's committed numbers, to 1e-9.</summary>
public sealed class SklearnAgreementTests
{
    private const double Tolerance = 1e-9;

    [Theory]
    [MemberData(nameof(SklearnCase.Names), MemberType = typeof(SklearnCase))]
    public void Compute_SklearnFixture_EqualsSklearnTo1e9(string name)
    {
        var fixture = SklearnCase.Get(name);
        var set = fixture.ToPredictionSet();
        var checkedMetrics = 0;
        foreach (var (metricName, expected) in fixture.Expected)
        {
            var actual = MetricCatalog.Get(metricName).Compute(set);
            if (expected is null)
            {
                Assert.True(double.IsNaN(actual), $"{name}/{metricName}: scikit-learn refuses this input, expected NaN, got {actual}");
            }
            else
            {
                Assert.True(Math.Abs(expected.Value - actual) <= Tolerance, $"{name}/{metricName}: scikit-learn {expected.Value:R}, LatentOps {actual:R}");
            }

            checkedMetrics++;
        }

        Assert.True(checkedMetrics >= 4);
    }

    [Theory]
    [MemberData(nameof(SklearnCase.Names), MemberType = typeof(SklearnCase))]
    public void Predicted_SklearnFixture_EqualsNumpyArgmax(string name)
    {
        var fixture = SklearnCase.Get(name);
        if (fixture.Task == "regression")
        {
            return;
        }

        var expected = fixture.Raw.GetProperty("predicted").EnumerateArray().Select(e => e.GetInt32()).ToArray();

        Assert.Equal(expected, fixture.ToPredictionSet().Predicted.ToArray());
    }

    [Theory]
    [MemberData(nameof(SklearnCase.Names), MemberType = typeof(SklearnCase))]
    public void ConfusionMatrix_SklearnFixture_EqualsSklearn(string name)
    {
        var fixture = SklearnCase.Get(name);
        if (fixture.Task == "regression")
        {
            return;
        }

        var matrix = ConfusionMatrix.Compute(fixture.ToPredictionSet());
        var expected = fixture.Raw.GetProperty("confusionMatrix").EnumerateArray().Select(r => r.EnumerateArray().Select(e => e.GetInt64()).ToArray()).ToArray();
        var perClass = fixture.Raw.GetProperty("perClass");

        Assert.Equal(expected, matrix.Counts.Select(r => r.ToArray()).ToArray());
        AssertClose(perClass.GetProperty("precision"), matrix.Precision);
        AssertClose(perClass.GetProperty("recall"), matrix.Recall);
        AssertClose(perClass.GetProperty("f1"), matrix.F1);
        Assert.Equal(perClass.GetProperty("support").EnumerateArray().Select(e => e.GetInt64()), matrix.Support);
    }

    [Fact]
    public void RocAuc_OneClassPresent_IsNaNWhereSklearnRaises()
    {
        var fixture = SklearnCase.Get("binary_one_class_present");

        Assert.Null(fixture.Expected["rocAucScore"]);
        Assert.True(double.IsNaN(MetricCatalog.Get("rocAucScore").Compute(fixture.ToPredictionSet())));
    }

    [Fact]
    public void Fixtures_CoverEveryMetric()
    {
        var covered = SklearnCase.Load().SelectMany(c => c.Expected.Keys).ToHashSet();

        Assert.All(MetricCatalog.All, m => Assert.Contains(m.Name, covered));
    }

    private static void AssertClose(System.Text.Json.JsonElement expected, IReadOnlyList<double> actual)
    {
        var e = expected.EnumerateArray().Select(x => x.GetDouble()).ToArray();
        Assert.Equal(e.Length, actual.Count);
        for (var i = 0; i < e.Length; i++)
        {
            Assert.True(Math.Abs(e[i] - actual[i]) <= Tolerance, $"class {i}: {e[i]} vs {actual[i]}");
        }
    }
}
