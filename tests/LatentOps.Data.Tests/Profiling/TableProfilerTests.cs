using LatentOps.Core.Tables;
using LatentOps.Data.Profiling;
using LatentOps.Data.Reading;

namespace LatentOps.Data.Tests.Profiling;

public sealed class TableProfilerTests
{
    [Fact]
    public void Profile_Numbers_MatchesNumpyStatistics()
    {
        // numpy: np.quantile(range(1, 11), [.25, .5]) == [3.25, 5.5]; np.std(ddof=1) == 3.0277
        var table = new Table([new NumericColumn("x", [.. Enumerable.Range(1, 10).Select(i => (double)i), double.NaN], ColumnType.Integer)]);

        var column = TableProfiler.Profile(table).Columns[0];

        Assert.Equal(10, column.Count);
        Assert.Equal(1, column.Missing);
        Assert.Equal(10, column.Distinct);
        Assert.Equal(5.5, column.Numeric!.Mean, 12);
        Assert.Equal(3.0276503540974917, column.Numeric.Std, 12);
        Assert.Equal(3.25, column.Numeric.Quantiles.Single(q => q.Probability == 0.25).Value, 12);
        Assert.Equal(5.5, column.Numeric.Quantiles.Single(q => q.Probability == 0.5).Value, 12);
        Assert.Equal(10, column.Histogram!.Counts.Sum());
    }

    [Fact]
    public void Profile_Strings_TopValuesLengthsAndDuplicates()
    {
        var table = new Table([
            new StringColumn("c", ["a", "bb", "a", null, "a"]),
            new NumericColumn("n", [1, 2, 1, 3, 1]),
        ]);

        var profile = TableProfiler.Profile(table);

        var c = profile.Columns[0];
        Assert.Equal(2, c.Distinct);
        Assert.Equal(new ValueCount("a", 3, 0.75), c.TopValues![0]);
        Assert.Equal(new LengthSummary(1, 1.25, 2), c.TextLength);
        Assert.Equal(2, profile.DuplicateRowCount);
    }

    [Fact]
    public async Task Profile_LendingClubSlice_EveryColumnProfiled()
    {
        var table = await TableReader.ReadAsync(Fixture.Path("real", "lending_club_500.csv"), cancellationToken: TestContext.Current.CancellationToken);

        var profile = TableProfiler.Profile(table);

        Assert.Equal(23, profile.Columns.Count);
        Assert.All(profile.Columns, c => Assert.Equal(500, c.Count + c.Missing));
        Assert.NotNull(profile.Columns.Single(c => c.Name == "funded_amnt").Numeric);
        Assert.Contains(profile.Columns.Single(c => c.Name == "Class").TopValues!, v => v.Value == "good");
    }
}
