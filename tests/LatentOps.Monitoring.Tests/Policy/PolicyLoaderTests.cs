using LatentOps.Core.Errors;
using LatentOps.Monitoring.Policy;

namespace LatentOps.Monitoring.Tests.Policy;

public sealed class PolicyLoaderTests
{
    internal const string Yaml = """
        model: lending
        alias: champion
        rules:
          datasetDrift: true
          embeddingDriftPValue: 0.01
          estimatedAccuracyDrop: 0.05
          realisedAccuracyDrop: 0.03
          schedule: 7d
          minimumNewRows: 1000
        screening:
          excludeOutliers: true
          excludeSuspectedLabelFlips: true
        promotion:
          minimumImprovement: 0.0
        rollback:
          realisedAccuracyDrop: 0.02
          minimumLabelledRows: 100
        """;

    [Fact]
    public void ParseYaml_FullPolicy_ReadsEveryRule()
    {
        var p = PolicyLoader.ParseYaml(Yaml);
        Assert.Equal("lending", p.Model);
        Assert.True(p.Rules.DatasetDrift);
        Assert.Equal(0.01, p.Rules.EmbeddingDriftPValue);
        Assert.Equal("7d", p.Rules.Schedule);
        Assert.Equal(1000, p.Rules.MinimumNewRows);
        Assert.True(p.Screening.ExcludeSuspectedLabelFlips);
        Assert.Equal(100, p.Rollback.MinimumLabelledRows);
    }

    [Fact]
    public void Load_JsonFile_SameAsYaml()
    {
        var path = Path.Combine(Path.GetTempPath(), $"policy-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{ "model": "lending", "rules": { "embeddingDriftPValue": 0.01, "schedule": "12h" } }""");
        try
        {
            var p = PolicyLoader.Load(path);
            Assert.Equal(0.01, p.Rules.EmbeddingDriftPValue);
            Assert.Equal(TimeSpan.FromHours(12), PolicyLoader.ParseDuration(p.Rules.Schedule!));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ParseYaml_UnknownKey_ThrowsWithLine()
    {
        var ex = Assert.Throws<LatentOpsException>(() => PolicyLoader.ParseYaml("model: x\nrules:\n  datasetDrfit: true\n", "p.yaml"));
        Assert.Equal(ErrorCode.InvalidInput, ex.Code);
        Assert.Contains("p.yaml, line 3", ex.Message);
    }

    [Fact]
    public void ParseYaml_PValueOutOfRange_ThrowsNamingFieldAndRange()
    {
        var ex = Assert.Throws<LatentOpsException>(() => PolicyLoader.ParseYaml("model: x\nrules:\n  embeddingDriftPValue: 2\n", "p.yaml"));
        Assert.Contains("rules.embeddingDriftPValue = 2", ex.Message);
        Assert.Contains("(0, 1)", ex.Message);
    }

    [Fact]
    public void ParseYaml_BadSchedule_ThrowsNamingValue()
    {
        var ex = Assert.Throws<LatentOpsException>(() => PolicyLoader.ParseYaml("model: x\nrules:\n  schedule: weekly\n"));
        Assert.Contains("'weekly'", ex.Message);
    }

    [Theory]
    [InlineData("window: soon", "window = 'soon'")]
    [InlineData("window: \"0\"", "window = '0'")]
    [InlineData("data: \" \"", "data = (empty)")]
    [InlineData("trainingData: all", "trainingData = 'all'")]
    [InlineData("promotion:\n  metric: accuracy", "promotion.metric = 'accuracy' is not allowed; allowed: accuracyScore")]
    public void ParseYaml_BadWindowOrData_ThrowsNamingField(string line, string expected)
    {
        var ex = Assert.Throws<LatentOpsException>(() => PolicyLoader.ParseYaml($"model: lending\n{line}\n"));
        Assert.Equal(ErrorCode.InvalidInput, ex.Code);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseYaml_DataAndCountWindow_Read()
    {
        var policy = PolicyLoader.ParseYaml("model: lending\ndata: lending-new:2\nwindow: 500\n");
        Assert.Equal(("lending-new:2", "500"), (policy.Data, policy.Window));
    }

    [Fact]
    public void ParseYaml_Defaults_CombinedDataAndRocAuc()
    {
        var policy = PolicyLoader.ParseYaml("model: lending\n");
        Assert.Equal(("combined", "rocAucScore"), (policy.TrainingData, policy.Promotion.Metric));
        var current = PolicyLoader.ParseYaml("model: lending\ntrainingData: current\npromotion:\n  metric: expectedCalibrationError\n");
        Assert.Equal(("current", "expectedCalibrationError"), (current.TrainingData, current.Promotion.Metric));
    }

    [Fact]
    public void Load_MissingFile_ThrowsNotFound()
    {
        Assert.Equal(ErrorCode.NotFound, Assert.Throws<LatentOpsException>(() => PolicyLoader.Load("/nonexistent/policy.yaml")).Code);
    }
}
