using System.Globalization;
using LatentOps.Core.Errors;
using LatentOps.Core.Serialization;
using LatentOps.Core.Tables;
using LatentOps.Insights.Reporting;

namespace LatentOps.Insights.Tests;

public sealed class SalesInsightsTests(SubsetAnalysis analysis) : IClassFixture<SubsetAnalysis>
{
    private SalesInsightsResult Result => analysis.Result;

    [Fact]
    public void Run_SuperstoreSubset_FindsSegmentsCoveringEveryCustomer()
    {
        Assert.Equal(160, Result.Summary.Customers);
        Assert.InRange(Result.Segments.Count, 2, 5);
        Assert.Equal(Result.Summary.Customers, Result.Segments.Sum(s => s.Customers));
        Assert.Equal(Result.Summary.Customers, Result.CustomerMap.Count);
        Assert.Equal(Result.Segments.Count, Result.SegmentCounts.Single(c => c.SilhouetteScore == Result.SegmentCounts.Max(x => x.SilhouetteScore)).Segments);
        Assert.Equal(1.0, Result.Segments.Sum(s => s.ShareOfSales), 2);
    }

    [Fact]
    public void Run_SuperstoreSubset_DescriptionsNameARealDifference()
    {
        foreach (var segment in Result.Segments)
        {
            Assert.False(string.IsNullOrWhiteSpace(segment.Description));
            Assert.NotEmpty(segment.ExampleCustomers);
        }

        // At least one segment is set apart by an attribute whose value really differs from everyone's,
        // and its description says so in the trait's words.
        var described = Result.Segments.Where(s => s.Traits.Count > 0).ToList();
        Assert.NotEmpty(described);
        foreach (var segment in described)
        {
            var trait = segment.Traits[0];
            Assert.NotEqual(trait.OverallValue, trait.SegmentValue);
            Assert.Contains(trait.Phrase.Replace("mostly ", string.Empty, StringComparison.Ordinal).Split(' ')[0], segment.Description, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void Run_SegmentSaysHighDiscount_ItsDiscountIsAboveAverage()
    {
        var overall = analysis.Table["Discount"] is NumericColumn d ? d.Values.ToArray().Average() : double.NaN;
        foreach (var segment in Result.Segments)
        {
            if (segment.Description.Contains("high discount", StringComparison.Ordinal))
            {
                Assert.True(segment.AverageDiscount > overall, $"{segment.Name}: {segment.AverageDiscount} vs {overall}");
            }

            if (segment.Description.Contains("low discount", StringComparison.Ordinal))
            {
                Assert.True(segment.AverageDiscount < overall, $"{segment.Name}: {segment.AverageDiscount} vs {overall}");
            }
        }
    }

    [Fact]
    public void Run_EveryProduct_HasSimilarProductsWithReasonsMostSimilarFirst()
    {
        Assert.Equal(Result.Summary.Products, Result.Products.Count);
        foreach (var product in Result.Products)
        {
            Assert.Equal(5, product.Similar.Count);
            Assert.DoesNotContain(product.Similar, s => s.ProductId == product.ProductId);
            Assert.All(product.Similar, s => Assert.EndsWith(".", s.Reason, StringComparison.Ordinal));
            for (var i = 1; i < product.Similar.Count; i++)
            {
                Assert.True(product.Similar[i - 1].SimilarityScore >= product.Similar[i].SimilarityScore);
            }
        }

        Assert.InRange(Result.ProductModel.HeldOutHitRateScore, 0, 1);
        Assert.True(Result.ProductModel.FinalLoss < Math.Log(2), $"loss {Result.ProductModel.FinalLoss} is no better than guessing");
    }

    [Fact]
    public void Run_UnusualOrders_AreMostUnusualFirstWithReasons()
    {
        Assert.Equal(25, Result.UnusualOrders.Count);
        for (var i = 1; i < Result.UnusualOrders.Count; i++)
        {
            Assert.True(Result.UnusualOrders[i - 1].UnusualnessScore >= Result.UnusualOrders[i].UnusualnessScore);
        }

        Assert.All(Result.UnusualOrders, o => Assert.NotEmpty(o.Reasons));
        Assert.All(Result.UnusualOrders, o => Assert.True(o.UnusualnessScore > 0.5, $"{o.OrderId} scored {o.UnusualnessScore}"));
    }

    [Fact]
    public void Run_PlantedHugeDiscountWithLoss_IsListedWithThatReason()
    {
        var table = analysis.Table;
        var extra = table.Take([0]);
        var planted = new Table(extra.Columns.Select(c => c.Name switch
        {
            "Order ID" => new StringColumn(c.Name, ["PLANTED-1"], c.Type),
            "Discount" => new NumericColumn(c.Name, [0.9], ((NumericColumn)c).Type),
            "Profit" => new NumericColumn(c.Name, [-2500], ((NumericColumn)c).Type),
            "Sales" => new NumericColumn(c.Name, [900], ((NumericColumn)c).Type),
            _ => c,
        }));
        var withPlanted = Table.Concat([table, planted]);

        var result = new SalesInsights(SubsetAnalysis.FastOptions()).Run(withPlanted, "planted.csv");

        var found = Assert.Single(result.UnusualOrders, o => o.OrderId == "PLANTED-1");
        Assert.Equal(table.RowCount + 1, found.Row);
        Assert.Contains(found.Reasons, r => r.Contains("90% discount", StringComparison.Ordinal));
        Assert.Contains(found.Reasons, r => r.Contains("loss of $2,500", StringComparison.Ordinal));
    }

    [Fact]
    public void Run_SameSeedTwice_GivesTheSameSegmentsAndAnswers()
    {
        var again = new SalesInsights(SubsetAnalysis.FastOptions()).Run(analysis.Table, "superstore-subset.csv");

        Assert.Equal(Result.CustomerMap.Select(p => p.Segment), again.CustomerMap.Select(p => p.Segment));
        Assert.Equal(Result.Segments.Select(s => s.Description), again.Segments.Select(s => s.Description));
        Assert.Equal(Result.Products[0].Similar.Select(s => s.ProductId), again.Products[0].Similar.Select(s => s.ProductId));
        Assert.Equal(Result.UnusualOrders.Select(o => o.Row), again.UnusualOrders.Select(o => o.Row));
    }

    [Fact]
    public void Run_Progress_ReportsEveryStageInOrder()
    {
        var stages = analysis.Progress.Select(p => p.Stage).Distinct().ToList();

        Assert.Equal([SalesInsightsStages.Reading, SalesInsightsStages.Customers, SalesInsightsStages.Segments, SalesInsightsStages.Products, SalesInsightsStages.UnusualOrders, SalesInsightsStages.Done], stages);
        Assert.All(analysis.Progress, p => Assert.InRange(p.Fraction ?? 0, 0, 1));
    }

    [Fact]
    public void Result_ToJsonAndBack_KeepsSegmentsProductsAndOrders()
    {
        var json = LatentOpsJson.Serialize(Result);
        var back = LatentOpsJson.Deserialize<SalesInsightsResult>(json);

        Assert.Equal(Result.Segments.Select(s => s.Description), back.Segments.Select(s => s.Description));
        Assert.Equal(Result.Products.Count, back.Products.Count);
        Assert.Equal(Result.UnusualOrders[0].Reasons, back.UnusualOrders[0].Reasons);
        Assert.Equal(Result.Columns, back.Columns);
        Assert.Contains("\"segments\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_Render_HasSegmentsChartsAndExplanations()
    {
        var html = SalesInsightsReport.Create(Result).Render();

        Assert.Contains("Customer segments", html, StringComparison.Ordinal);
        Assert.Contains("A segment is a group of customers who buy in a similar way", html, StringComparison.Ordinal);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(Result.Segments[0].Description), html, StringComparison.Ordinal);
        Assert.Contains("Unusual orders", html, StringComparison.Ordinal);
        Assert.True(html.Split("<svg").Length - 1 >= 4, "expected at least 4 charts");
    }

    [Fact]
    public void Run_Cancelled_Throws()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => new SalesInsights(SubsetAnalysis.FastOptions()).Run(analysis.Table, "x.csv", null, cancellation.Token));
    }

    [Fact]
    public void Run_TooFewCustomers_SaysHowManyAreNeeded()
    {
        var customers = (StringColumn)analysis.Table["Customer ID"];
        var firstFive = customers.Values.ToArray().Distinct().Take(5).ToHashSet();
        var rows = Enumerable.Range(0, analysis.Table.RowCount).Where(r => firstFive.Contains(customers[r])).ToArray();

        var error = Assert.Throws<LatentOpsException>(() => new SalesInsights(SubsetAnalysis.FastOptions()).Run(analysis.Table.Take(rows), "tiny.csv"));

        Assert.Equal(ErrorCode.InvalidInput, error.Code);
        Assert.Contains("'tiny.csv' has 5 customers", error.Message, StringComparison.Ordinal);
        Assert.Contains("at least 20", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_NotASalesFile_NamesTheMissingColumns()
    {
        var path = Path.Combine(Path.GetTempPath(), $"insights-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(path, "name,age\nann,31\nbob,42\n", TestContext.Current.CancellationToken);
        try
        {
            var error = await Assert.ThrowsAsync<LatentOpsException>(() => new SalesInsights().RunAsync(path, cancellationToken: TestContext.Current.CancellationToken));

            Assert.Contains("does not look like a sales export", error.Message, StringComparison.Ordinal);
            Assert.Contains(Path.GetFileName(path), error.Message, StringComparison.Ordinal);
            Assert.Contains("order ID, customer ID, product ID, sales amount", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Options_BadSegmentRange_NamesValueAndRange()
    {
        var options = new SalesInsightsOptions { MinSegments = 9, MaxSegments = 4 };

        var error = Assert.Throws<LatentOpsException>(options.Validate);

        Assert.Contains("MinSegments is 9", error.Message, StringComparison.Ordinal);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"MaxSegments ({4})"), error.Message, StringComparison.Ordinal);
    }
}
