using LatentOps.Core.Tables;
using LatentOps.Data.Checks;
using LatentOps.Data.Reading;
using LatentOps.Data.Splitting;

namespace LatentOps.Data.Tests.Checks;

public sealed class DataCheckerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<Table> LendingClub() =>
        TableReader.ReadAsync(Fixture.Shared("tabular", "lending_club.csv") ?? Fixture.Path("real", "lending_club_500.csv"), new TableReadOptions { LabelColumn = "Class" }, Ct);

    [Fact]
    public async Task Run_LendingClub_ReportsClassImbalance()
    {
        var report = DataChecker.Run(await LendingClub(), new DataCheckOptions { LabelColumn = "Class" });

        var imbalance = Assert.Single(report.Findings, f => f.Check == "imbalance.classes");
        Assert.Equal(FindingSeverity.Warning, imbalance.Severity);
        Assert.InRange(imbalance.Metrics["minorityShare"], 0.03, 0.08);
        Assert.Contains("stratified", imbalance.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain(report.Findings, f => f.Check == "leakage.single-feature");
    }

    [Fact]
    public async Task Run_LabelCopiedIntoAFeature_ReportsSingleFeatureLeakage()
    {
        var table = await LendingClub();
        var label = (StringColumn)table["Class"];
        var leaked = new NumericColumn("review_score", [.. Enumerable.Range(0, table.RowCount).Select(i => (label[i] == "bad" ? 10.0 : 50.0) + (i % 7))]);
        var withLeak = new Table([.. table.Columns, leaked]);

        var report = DataChecker.Run(withLeak, new DataCheckOptions { LabelColumn = "Class" });

        var finding = Assert.Single(report.Findings, f => f.Check == "leakage.single-feature");
        Assert.Equal("review_score", finding.Column);
        Assert.Equal(FindingSeverity.Error, finding.Severity);
    }

    [Fact]
    public async Task Run_DuplicatesInjectedAcrossSplit_ReportsLeakage()
    {
        var table = await LendingClub();
        var split = TableSplitter.Split(table, new SplitOptions { Method = SplitMethod.Stratified, Column = "Class" });
        var train = split.Parts[0].Table;
        var test = split.Parts[1].Table;
        var injected = new Table(test.Columns.Select((c, i) => c)).Take([.. Enumerable.Range(0, test.RowCount), .. Enumerable.Range(0, 25)]);
        var trainWithCopies = Concat(train, test.Take([.. Enumerable.Range(0, 25)]));

        var clean = DataChecker.Run(train, new DataCheckOptions { LabelColumn = "Class" }, counterpart: test, counterpartName: "test");
        var leaky = DataChecker.Run(trainWithCopies, new DataCheckOptions { LabelColumn = "Class" }, counterpart: test, counterpartName: "test");

        Assert.DoesNotContain(clean.Findings, f => f.Check == "leakage.duplicate-rows" && f.Metrics["rows"] >= 25);
        var finding = Assert.Single(leaky.Findings, f => f.Check == "leakage.duplicate-rows");
        Assert.True(finding.Metrics["rows"] >= 25);
        Assert.Equal(FindingSeverity.Error, finding.Severity);
        Assert.NotNull(injected);
    }

    [Fact]
    public async Task Run_FiveStatesAgainstAll_ReportsUnrepresentative()
    {
        var table = await LendingClub();
        var states = (StringColumn)table["addr_state"];
        string[] five = ["CA", "TX", "NY", "FL", "IL"];
        var rows = Enumerable.Range(0, table.RowCount).Where(i => five.Contains(states[i])).ToArray();
        var sample = table.Take(rows);
        var randomSample = table.Take([.. Enumerable.Range(0, table.RowCount).Where(i => i % 3 == 0)]);

        var report = DataChecker.Run(sample, new DataCheckOptions(), reference: table, referenceName: "lending_club");
        var control = DataChecker.Run(randomSample, new DataCheckOptions(), reference: table, referenceName: "lending_club");

        var summary = Assert.Single(report.Findings, f => f.Check == "representativeness.summary");
        Assert.Equal(FindingSeverity.Error, summary.Severity);
        var state = Assert.Single(report.Findings, f => f.Check == "representativeness.categories" && f.Column == "addr_state");
        Assert.Equal(FindingSeverity.Error, state.Severity);
        Assert.True(state.Metrics["coverage"] < 0.8);
        Assert.DoesNotContain("CA", state.Examples);
        Assert.NotEqual(FindingSeverity.Error, Assert.Single(control.Findings, f => f.Check == "representativeness.summary").Severity);
    }

    [Fact]
    public void Run_IntegrityProblems_EachReported()
    {
        var table = new Table([
            new StringColumn("amount", [.. Enumerable.Range(0, 60).Select(i => i % 4 == 0 ? "unknown" : (i * 1.5).ToString(System.Globalization.CultureInfo.InvariantCulture))]),
            new StringColumn("country", [.. Enumerable.Repeat("FR", 60)]),
            new NumericColumn("f", [.. Enumerable.Range(0, 60).Select(i => (double)(i % 5))]),
            new StringColumn("y", [.. Enumerable.Range(0, 60).Select(i => i % 2 == 0 ? "a" : "b")]),
        ]);

        var report = DataChecker.Run(table.Select(["country", "f", "y"]), new DataCheckOptions { LabelColumn = "y" });
        var mixed = DataChecker.Run(table, new DataCheckOptions());

        Assert.Contains(report.Findings, f => f.Check == "integrity.constant-column" && f.Column == "country");
        Assert.Contains(report.Findings, f => f.Check == "integrity.conflicting-labels");
        Assert.Contains(mixed.Findings, f => f.Check == "integrity.mixed-types" && f.Column == "amount" && f.Examples.Contains("unknown"));
    }

    [Fact]
    public async Task Run_SpamSlice_ReportsEmailAddresses()
    {
        var table = await TableReader.ReadAsync(Fixture.Path("real", "spam_assassin_40.jsonl.gz"), new TableReadOptions { LabelColumn = "label" }, Ct);

        var report = DataChecker.Run(table, new DataCheckOptions { LabelColumn = "label" });

        var email = Assert.Single(report.Findings, f => f.Check == "pii.email");
        Assert.Equal("text", email.Column);
        Assert.Contains(report.Findings, f => f.Check == "leakage.identifier" && f.Column == "id");
    }

    private static Table Concat(Table a, Table b) => new(a.Columns.Select(c => c switch
    {
        NumericColumn n => (Column)new NumericColumn(n.Name, [.. n.Values.ToArray(), .. ((NumericColumn)b[n.Name]).Values.ToArray()], n.Type),
        StringColumn s => new StringColumn(s.Name, [.. s.Values.ToArray(), .. ((StringColumn)b[s.Name]).Values.ToArray()], s.Type),
        DateTimeColumn d => new DateTimeColumn(d.Name, [.. d.Values.ToArray(), .. ((DateTimeColumn)b[d.Name]).Values.ToArray()]),
        _ => throw new InvalidOperationException(),
    }));
}
