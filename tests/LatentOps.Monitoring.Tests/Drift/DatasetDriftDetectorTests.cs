using LatentOps.Core.Errors;
using LatentOps.Core.Tables;
using LatentOps.Monitoring.Drift;

namespace LatentOps.Monitoring.Tests.Drift;

public sealed class DatasetDriftDetectorTests
{
    private static Table Make(int rows, double shift, int seed, string[] grades)
    {
        var random = new Random(seed);
        return new Table([
            new NumericColumn("income", [.. Enumerable.Range(0, rows).Select(_ => (random.NextDouble() * 100) + shift)]),
            new NumericColumn("age", [.. Enumerable.Range(0, rows).Select(_ => (double)random.Next(18, 80))], ColumnType.Integer),
            new StringColumn("grade", [.. Enumerable.Range(0, rows).Select(_ => grades[random.Next(grades.Length)])]),
            new StringColumn("note", [.. Enumerable.Range(0, rows).Select(i => $"text {i}")], ColumnType.Text),
        ]);
    }

    [Fact]
    public void Run_SmallReference_ChoosesKsAndChiSquareWithBonferroni()
    {
        var r = new DatasetDriftDetector().Run(Make(500, 0, 1, ["A", "B", "C"]), Make(400, 0, 2, ["A", "B", "C"]));
        Assert.Equal(DriftMethod.KolmogorovSmirnov, r.Columns.Single(c => c.Column == "income").Method);
        Assert.Equal(DriftMethod.ChiSquare, r.Columns.Single(c => c.Column == "grade").Method);
        Assert.All(r.Columns, c => Assert.Equal(0.05 / 3, c.Result.Threshold, 12));
        Assert.Contains("note", r.SkippedColumns.Keys);
        Assert.False(r.DatasetDrift);
    }

    [Fact]
    public void Run_LargeReference_ChoosesWassersteinAndJensenShannon()
    {
        var r = new DatasetDriftDetector().Run(Make(1500, 0, 1, ["A", "B"]), Make(1200, 0, 2, ["A", "B"]));
        Assert.Equal(DriftMethod.Wasserstein, r.Columns.Single(c => c.Column == "income").Method);
        Assert.Equal(DriftMethod.JensenShannon, r.Columns.Single(c => c.Column == "grade").Method);
        Assert.Equal(0.1, r.Columns.Single(c => c.Column == "income").Result.Threshold);
    }

    [Fact]
    public void Run_TwoOfThreeColumnsShifted_DatasetDriftAndShiftedColumnsRankedFirst()
    {
        var r = new DatasetDriftDetector().Run(Make(600, 0, 1, ["A", "B", "C"]), Make(600, 40, 2, ["C", "D"]));
        Assert.True(r.DatasetDrift);
        Assert.Equal(2.0 / 3, r.DriftedShare, 12);
        Assert.Equal(["income", "grade"], r.Columns.Take(2).Select(c => c.Column).Order().Reverse().ToArray());
        Assert.Equal("age", r.Columns[2].Column);
    }

    [Fact]
    public void Run_KsOnCategoricalColumn_ThrowsNamingColumnAndAllowedMethods()
    {
        var options = new DatasetDriftOptions();
        options.ColumnMethods["grade"] = DriftMethod.KolmogorovSmirnov;
        var ex = Assert.Throws<LatentOpsException>(() => new DatasetDriftDetector(options).Run(Make(50, 0, 1, ["A"]), Make(50, 0, 2, ["A"])));
        Assert.Contains("'grade'", ex.Message);
        Assert.Contains("ChiSquare", ex.Message);
    }

    [Fact]
    public void Run_AlphaOutOfRange_ThrowsNamingOptionAndRange()
    {
        var ex = Assert.Throws<LatentOpsException>(() => new DatasetDriftDetector(new DatasetDriftOptions { Alpha = 1.5 }).Run(Make(50, 0, 1, ["A"]), Make(50, 0, 2, ["A"])));
        Assert.Equal(ErrorCode.InvalidInput, ex.Code);
        Assert.Contains("Alpha = 1.5", ex.Message);
        Assert.Contains("(0, 1)", ex.Message);
    }
}
