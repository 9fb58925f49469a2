using LatentOps.Evaluation.Metrics;

namespace LatentOps.Evaluation.Tests.Metrics;

/// <summary>Properties every metric in <see cref="MetricCatalog"/> must have, driven by the catalog.</summary>
public sealed class MetricInvarianceTests
{
    public static TheoryData<string, string> MetricsAndCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var fixture in SklearnCase.Load())
        {
            var task = fixture.ToPredictionSet().Task;
            foreach (var metric in MetricCatalog.For(task))
            {
                data.Add(metric.Name, fixture.Name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(MetricsAndCases))]
    public void Compute_RowsShuffled_SameValue(string metricName, string caseName)
    {
        var set = SklearnCase.Get(caseName).ToPredictionSet();
        var metric = MetricCatalog.Get(metricName);
        var order = Enumerable.Range(0, set.Count).ToArray();
        new Random(7).Shuffle(order);

        AssertSame(metric.Compute(set), metric.Compute(set.Take(order)));
    }

    [Theory]
    [MemberData(nameof(MetricsAndCases))]
    public void Compute_EveryRowTwice_SameValue(string metricName, string caseName)
    {
        var set = SklearnCase.Get(caseName).ToPredictionSet();
        var metric = MetricCatalog.Get(metricName);
        var twice = Enumerable.Range(0, set.Count).Concat(Enumerable.Range(0, set.Count)).ToArray();

        AssertSame(metric.Compute(set), metric.Compute(set.Take(twice)));
    }

    [Fact]
    public void Catalog_Names_FollowScoreLossErrorConvention()
    {
        Assert.All(MetricCatalog.All, m => Assert.Matches("^[a-z][A-Za-z0-9]*(Score|Loss|Error)$", m.Name));
        Assert.Equal(MetricCatalog.All.Count, MetricCatalog.All.Select(m => m.Name).Distinct().Count());
    }

    [Fact]
    public void Get_UnknownName_ListsTheKnownOnes()
    {
        var error = Assert.Throws<ArgumentException>(() => MetricCatalog.Get("auc"));

        Assert.Contains("rocAucScore", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Binary_ProbabilityOutsideUnitInterval_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => PredictionSet.Binary([0, 1], [0.2, 1.3]));

        Assert.Contains("Row 1", error.Message, StringComparison.Ordinal);
    }

    private static void AssertSame(double expected, double actual)
    {
        if (double.IsNaN(expected))
        {
            Assert.True(double.IsNaN(actual));
        }
        else
        {
            Assert.Equal(expected, actual, 1e-12);
        }
    }
}
