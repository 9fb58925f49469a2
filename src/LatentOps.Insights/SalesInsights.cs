using System.Diagnostics;
using System.Globalization;
using LatentOps.Core.Errors;
using LatentOps.Core.Progress;
using LatentOps.Core.Tables;
using LatentOps.Data.Reading;
using LatentOps.Evaluation.RepresentationQuality;
using LatentOps.Insights.Columns;
using LatentOps.Insights.Customers;
using LatentOps.Insights.Products;
using LatentOps.Insights.Segments;
using LatentOps.Insights.UnusualOrders;

namespace LatentOps.Insights;

/// <summary>
/// Sales insights from a sales export (one row per order line): learns customer embeddings (a
/// denoising autoencoder on per-customer profiles) and product embeddings (a hybrid matrix
/// factorisation of who bought what) with TorchSharp, groups customers into segments described in
/// plain words, lists products bought by similar customers, and finds unusual order lines with reasons.
/// Reports progress, honours cancellation, never writes to the console and never touches the store.
/// </summary>
public sealed class SalesInsights
{
    private readonly SalesInsightsOptions options;

    /// <summary>Creates the analysis; options are validated when it runs.</summary>
    public SalesInsights(SalesInsightsOptions? options = null)
    {
        this.options = options ?? new SalesInsightsOptions();
    }

    /// <summary>Reads a CSV, Parquet or JSON Lines export and analyses it on a background thread.</summary>
    /// <exception cref="LatentOpsException">The file cannot be read, is not a sales export (names the missing columns), or is too small.</exception>
    public async Task<SalesInsightsResult> RunAsync(string path, IProgress<ProgressUpdate>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options.Validate();
        var clock = Stopwatch.StartNew();
        progress?.Report(new ProgressUpdate(SalesInsightsStages.Reading, 0, 1, "reading the file"));
        var table = await TableReader.ReadAsync(path, new TableReadOptions(), null, cancellationToken).ConfigureAwait(false);
        var source = Path.GetFileName(path);
        return await Task.Factory.StartNew(
            () => Run(table, source, progress, cancellationToken, clock),
            cancellationToken,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default).ConfigureAwait(false);
    }

    /// <summary>Analyses a table already in memory.</summary>
    /// <param name="table">The export, one row per order line.</param>
    /// <param name="source">The name shown in messages and the report.</param>
    /// <param name="progress">Receives a <see cref="ProgressUpdate"/> per stage and training pass (stages: <see cref="SalesInsightsStages"/>).</param>
    /// <param name="cancellationToken">Stops at the next training step or stage.</param>
    /// <exception cref="LatentOpsException">Not a sales export (names the missing columns), bad values, or too few customers.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public SalesInsightsResult Run(Table table, string source = "the file", IProgress<ProgressUpdate>? progress = null, CancellationToken cancellationToken = default) =>
        Run(table, source, progress, cancellationToken, Stopwatch.StartNew());

    private SalesInsightsResult Run(Table table, string source, IProgress<ProgressUpdate>? progress, CancellationToken cancellationToken, Stopwatch clock)
    {
        ArgumentNullException.ThrowIfNull(table);
        options.Validate();
        var columns = SalesColumnDetector.Detect(table, $"'{source}'");
        var lines = SalesLines.From(table, columns, $"'{source}'");
        progress?.Report(new ProgressUpdate(SalesInsightsStages.Reading, 1, 1, string.Create(CultureInfo.InvariantCulture, $"{lines.Count:N0} order lines read")));
        var profiles = CustomerProfiles.From(lines);
        if (profiles.Count < options.MinCustomers)
        {
            throw LatentOpsException.InvalidInput(string.Create(CultureInfo.InvariantCulture,
                $"'{source}' has {profiles.Count} customers with usable rows (column '{columns.CustomerId}'); at least {options.MinCustomers} are needed to find segments."));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var (embeddings, customerModel) = CustomerEncoding.Learn(profiles, options, progress, cancellationToken);
        var rank = RepresentationQualityAnalysis.RankMe([.. embeddings.Select(e => e.Select(v => (float)v).ToArray())]);

        // Every learned direction counts the same when grouping (otherwise the few directions that carry
        // spend dominate the distances).
        embeddings = SegmentFinder.Standardise(embeddings);
        var (labels, centroids, counts) = SegmentFinder.Find(embeddings, options, progress, cancellationToken);
        var segments = SegmentDescriber.Describe(lines, profiles, embeddings, labels, centroids);
        var map = SegmentFinder.Map(profiles, embeddings, labels);

        var (products, productModel) = ProductFinder.Find(lines, profiles, embeddings, labels, segments, options, progress, cancellationToken);

        progress?.Report(new ProgressUpdate(SalesInsightsStages.UnusualOrders, 0, 1, "looking for unusual orders"));
        var unusual = UnusualOrderFinder.Find(lines, options, cancellationToken);
        progress?.Report(new ProgressUpdate(SalesInsightsStages.UnusualOrders, 1, 1, string.Create(CultureInfo.InvariantCulture, $"{unusual.Count} unusual order lines listed")));

        var dates = lines.Date.Where(d => d is not null).Select(d => d!.Value).ToArray();
        var result = new SalesInsightsResult
        {
            Source = source,
            CreatedAt = DateTimeOffset.UtcNow,
            Settings = options.ToSettings(),
            Columns = columns,
            Summary = new SalesSummary(
                lines.Count,
                lines.SkippedRows,
                lines.Order.Distinct(StringComparer.Ordinal).Count(),
                profiles.Count,
                products.Count,
                Math.Round(lines.Sales.Sum(), 2),
                lines.HasProfit ? Math.Round(lines.Profit.Where(double.IsFinite).Sum(), 2) : null,
                dates.Length == 0 ? null : dates.Min(),
                dates.Length == 0 ? null : dates.Max()),
            CustomerModel = customerModel,
            CustomerEmbeddingRankScore = Math.Round(rank, 3),
            SegmentCounts = counts,
            Segments = segments,
            CustomerMap = map,
            ProductModel = productModel,
            Products = [.. products.OrderByDescending(p => p.Sales).ThenBy(p => p.ProductId, StringComparer.Ordinal)],
            UnusualOrders = unusual,
            TotalSeconds = Math.Round(clock.Elapsed.TotalSeconds, 3),
        };
        progress?.Report(new ProgressUpdate(SalesInsightsStages.Done, 1, 1, string.Create(CultureInfo.InvariantCulture, $"{segments.Count} segments found")));
        return result;
    }
}
