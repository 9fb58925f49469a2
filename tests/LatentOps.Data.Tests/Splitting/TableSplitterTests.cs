using LatentOps.Core.Errors;
using LatentOps.Core.Tables;
using LatentOps.Data.Splitting;

namespace LatentOps.Data.Tests.Splitting;

public sealed class TableSplitterTests
{
    private static Table Make(int rows)
    {
        var start = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        return new Table([
            new NumericColumn("x", [.. Enumerable.Range(0, rows).Select(i => (double)i)]),
            new StringColumn("y", [.. Enumerable.Range(0, rows).Select(i => i % 10 == 0 ? "bad" : "good")]),
            new StringColumn("customer", [.. Enumerable.Range(0, rows).Select(i => $"c{i % 37}")]),
            new DateTimeColumn("t", [.. Enumerable.Range(0, rows).Select(i => (DateTime?)start.AddDays(i / 3))]),
        ]);
    }

    [Fact]
    public void Split_Random_SizesAndDeterministic()
    {
        var options = new SplitOptions { TestFraction = 0.25, ValidationFraction = 0.15, Seed = 7 };

        var a = TableSplitter.Split(Make(200), options);
        var b = TableSplitter.Split(Make(200), options);

        Assert.Equal(["train", "validation", "test"], a.Parts.Select(p => p.Name));
        Assert.Equal([120, 30, 50], a.Parts.Select(p => p.Rows.Count));
        Assert.Equal(a.Parts[2].Rows, b.Parts[2].Rows);
        Assert.Equal(200, a.Parts.SelectMany(p => p.Rows).Distinct().Count());
    }

    [Fact]
    public void Split_Stratified_KeepsClassShares()
    {
        var result = TableSplitter.Split(Make(500), new SplitOptions { Method = SplitMethod.Stratified, Column = "y" });

        var test = (StringColumn)result.Parts[1].Table["y"];
        Assert.Equal(10, test.Values.ToArray().Count(v => v == "bad"));
        Assert.Equal(100, test.Length);
    }

    [Fact]
    public void Split_Time_TestStrictlyLaterThanTrain()
    {
        var result = TableSplitter.Split(Make(301), new SplitOptions { Method = SplitMethod.Time, Column = "t", TestFraction = 0.3 });

        var trainMax = ((DateTimeColumn)result.Parts[0].Table["t"]).Values.ToArray().Max();
        var testMin = ((DateTimeColumn)result.Parts[1].Table["t"]).Values.ToArray().Min();
        Assert.True(trainMax < testMin, $"train ends {trainMax}, test starts {testMin}");
        Assert.InRange(result.Parts[1].Rows.Count, 85, 95);
    }

    [Fact]
    public void Split_Group_NoGroupInTwoParts()
    {
        var result = TableSplitter.Split(Make(400), new SplitOptions { Method = SplitMethod.Group, Column = "customer", ValidationFraction = 0.2, Seed = 3 });

        var groups = result.Parts.Select(p => ((StringColumn)p.Table["customer"]).Values.ToArray().ToHashSet()).ToArray();
        Assert.Empty(groups[0].Intersect(groups[1]));
        Assert.Empty(groups[0].Intersect(groups[2]));
        Assert.Empty(groups[1].Intersect(groups[2]));
        Assert.Equal(37, groups.Sum(g => g.Count));
    }

    [Fact]
    public void Split_BadFraction_InvalidInputNamingRange()
    {
        var ex = Assert.Throws<LatentOpsException>(() => TableSplitter.Split(Make(10), new SplitOptions { TestFraction = 1.5 }));

        Assert.Contains("1.5", ex.Message, StringComparison.Ordinal);
        Assert.Contains("below 1", ex.Message, StringComparison.Ordinal);
    }
}
