using System.Globalization;
using LatentOps.Core.Errors;
using LatentOps.Core.Serialization;
using LatentOps.Core.Tables;
using LatentOps.Dashboard.Auth;
using LatentOps.Dashboard.Layout;
using LatentOps.Data.Reading;
using LatentOps.Insights;
using LatentOps.Insights.Columns;
using LatentOps.Insights.Reporting;
using LatentOps.Store.Workspaces;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LatentOps.Dashboard.Sales;

/// <summary>
/// The sales pages for people who are not engineers: <c>/sales</c> (upload a sales export; admin key),
/// <c>/sales/jobs/{id}</c> (progress while LatentOps learns, refreshing itself; <c>/status</c> answers JSON),
/// and <c>/sales/results/{id}</c> (segments, products bought by similar customers, unusual orders, charts).
/// Analyses are kept in the workspace (<see cref="SalesResultStore"/>), so they survive a restart.
/// </summary>
internal static class SalesPages
{
    /// <summary>The largest upload accepted, in bytes (25 MB; the Superstore sample is 2.5 MB).</summary>
    public const long MaxUploadBytes = 25L * 1024 * 1024;

    /// <summary>Products offered in the product picker (the best sellers).</summary>
    public const int PickerProducts = 500;

    public static void Map(RouteGroupBuilder pages)
    {
        pages.MapGet("/sales", ShowAsync);
        pages.MapPost("/sales/upload", UploadAsync);
        pages.MapGet("/sales/jobs/{id}", Job);
        pages.MapGet("/sales/jobs/{id}/status", Status);
        pages.MapGet("/sales/results/{id}", ResultAsync);
        pages.MapGet("/sales/results/{id}/report", Report);

        // Analyses the server stopped during run again once it is listening.
        var services = ((IEndpointRouteBuilder)pages).ServiceProvider;
        if (services.GetService<IHostApplicationLifetime>() is { } lifetime && services.GetService<Workspace>() is { } workspace)
        {
            lifetime.ApplicationStarted.Register(() =>
                _ = SalesJobs.For(workspace.Root).ResumeInterruptedAsync(lifetime.ApplicationStopping));
        }
    }

    private static Task<IResult> ShowAsync(HttpContext http, Workspace workspace, CancellationToken cancellationToken) =>
        UploadPageAsync(http, workspace, null, StatusCodes.Status200OK, cancellationToken);

    private static async Task<IResult> UploadPageAsync(HttpContext http, Workspace workspace, string? error, int statusCode, CancellationToken cancellationToken)
    {
        var jobs = SalesJobs.For(workspace.Root);
        var user = DashboardAccess.CurrentUser(http);
        var content = new PageContent();
        content.Explain("Upload a sales export (one row per product sold in an order) and LatentOps finds groups of customers who buy in a similar way, " +
            "products that the same kind of customers buy, and orders that look unusual. It learns this from your file alone; nothing leaves this server.");
        content.Heading("Upload a sales file");
        var accepted = string.Join("; ", new[] { SalesField.OrderId, SalesField.CustomerId, SalesField.ProductId, SalesField.Sales }
            .Select(f => $"{SalesColumnDetector.Describe(f)} (e.g. {string.Join(", ", SalesColumnDetector.AcceptedNames[f].Take(3))})"));
        content.Paragraph($"The file needs a column for each of: {accepted}. Useful when present: order date, quantity, discount, profit, customer type (segment), region, category, sub-category, product name.");
        if (error is not null)
        {
            content.Raw($"<div class=\"finding error\" role=\"alert\" id=\"upload-error\"><strong>error: the file was not analysed</strong><p>{PageContent.Encode(error)}</p></div>");
        }

        if (user.CanChange)
        {
            var invalid = error is null ? string.Empty : " aria-invalid=\"true\" aria-describedby=\"upload-error\"";
            content.Raw("<form class=\"stack\" method=\"post\" action=\"/sales/upload\" enctype=\"multipart/form-data\">" +
                "<label for=\"sales-file\">Sales file (CSV, up to 25 MB)</label>" +
                $"<input type=\"file\" id=\"sales-file\" name=\"file\" accept=\".csv,.tsv,.txt,.parquet,.jsonl,.gz\" required{invalid}>" +
                "<p class=\"hint\" id=\"sales-file-hint\">Learning takes under a minute for about 10,000 rows.</p>" +
                "<button type=\"submit\" class=\"primary\">Analyse</button></form>");
        }
        else
        {
            content.Paragraph("Uploading a file needs an admin key; with this key you can read the analyses below.");
        }

        var active = jobs.Active();
        if (active.Count > 0)
        {
            content.Heading("Running now");
            content.TableHtml("Analyses running", ["file", "started", "progress"], active.Select(j => (IReadOnlyList<string>)
            [
                PageContent.Link($"/sales/jobs/{j.Id}", j.FileName), Format.Time(j.Started), Format.Percent(j.Status().Fraction),
            ]));
        }

        content.Heading("Analyses");
        var finished = jobs.Store.FinishedIds();
        if (finished.Count == 0)
        {
            content.Empty(user.CanChange ? "No analysis yet: upload a sales file above." : "No analysis yet: someone with an admin key can upload a sales file.");
        }
        else
        {
            var rows = new List<IReadOnlyList<string>>();
            foreach (var id in finished.Take(50))
            {
                var result = await jobs.Store.LoadAsync(id, cancellationToken).ConfigureAwait(false);
                if (result is null)
                {
                    continue;
                }

                rows.Add(
                [
                    PageContent.Link($"/sales/results/{id}", result.Source), Format.Time(result.CreatedAt),
                    Format.Count(result.Summary.Customers), Format.Count(result.Segments.Count),
                ]);
            }

            content.TableHtml("Finished analyses, newest first", ["file", "analysed", "customers", "segments"], rows);
        }

        return DashboardLayout.Page(http, "Sales insights", content, "Customer segments, products bought by similar customers, unusual orders.", statusCode);
    }

    private static async Task<IResult> UploadAsync(HttpContext http, Workspace workspace, CancellationToken cancellationToken)
    {
        // The server's body limit (ServerOptions.MaxRequestBodyBytes, 4 MiB) is sized for API rows; a
        // sales export may be larger, and above the limit Kestrel would answer before this page can explain.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxUploadBytes + (64 * 1024);
        }

        if (http.Request.ContentLength is > MaxUploadBytes + (64 * 1024))
        {
            return await UploadPageAsync(http, workspace, TooLarge(http.Request.ContentLength.Value), StatusCodes.Status413PayloadTooLarge, cancellationToken).ConfigureAwait(false);
        }

        if (!http.Request.HasFormContentType)
        {
            return await UploadPageAsync(http, workspace, "Choose a file with the file field and press Analyse.", StatusCodes.Status400BadRequest, cancellationToken).ConfigureAwait(false);
        }

        var form = await http.Request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
        var file = form.Files.GetFile("file");
        if (file is null || file.Length == 0)
        {
            return await UploadPageAsync(http, workspace, "No file was chosen (or it is empty): choose a sales export and press Analyse.", StatusCodes.Status400BadRequest, cancellationToken).ConfigureAwait(false);
        }

        if (file.Length > MaxUploadBytes)
        {
            return await UploadPageAsync(http, workspace, TooLarge(file.Length), StatusCodes.Status413PayloadTooLarge, cancellationToken).ConfigureAwait(false);
        }

        var jobs = SalesJobs.For(workspace.Root);
        var id = SalesResultStore.NewId();
        var fileName = Path.GetFileName(file.FileName) is { Length: > 0 } n ? n : "upload.csv";
        Table table;
        try
        {
            await using var stream = file.OpenReadStream();
            var path = await jobs.Store.SaveUploadAsync(id, fileName, stream, cancellationToken).ConfigureAwait(false);
            table = await TableReader.ReadAsync(path, new TableReadOptions(), cancellationToken).ConfigureAwait(false);
            SalesColumnDetector.Detect(table, $"'{fileName}'");
        }
        catch (LatentOpsException e)
        {
            jobs.Store.Delete(id);
            var message = e.Message.Replace(jobs.Store.Folder(id) + Path.DirectorySeparatorChar, string.Empty, StringComparison.Ordinal);
            return await UploadPageAsync(http, workspace, message, StatusCodes.Status400BadRequest, cancellationToken).ConfigureAwait(false);
        }

        var stopping = http.RequestServices.GetService<IHostApplicationLifetime>()?.ApplicationStopping ?? CancellationToken.None;
        jobs.Start(id, fileName, table, stopping);
        return Results.Redirect($"/sales/jobs/{id}", permanent: false, preserveMethod: false);
    }

    private static IResult Job(string id, HttpContext http, Workspace workspace)
    {
        var jobs = SalesJobs.For(workspace.Root);
        var job = SalesResultStore.IsValidId(id) ? jobs.Find(id) : null;
        if (job is null)
        {
            if (jobs.Store.FinishedIds().Contains(id))
            {
                return Results.Redirect($"/sales/results/{id}");
            }

            return jobs.Store.Failure(id) is { } failure
                ? Failed("this analysis", failure)
                : DashboardLayout.Error(http, StatusCodes.Status404NotFound, "No such analysis",
                    "This analysis is not running and has no result. The Sales page lists the analyses there are; upload the file again there.");
        }

        var status = job.Status();
        if (job.State == SalesJobState.Done)
        {
            return Results.Redirect($"/sales/results/{id}");
        }

        if (job.State == SalesJobState.Failed)
        {
            return Failed(job.FileName, status.Error);
        }

        var content = new PageContent();

        // Refreshes itself every 2 seconds (works without JavaScript); the status is also at /status as JSON.
        content.Raw("<meta http-equiv=\"refresh\" content=\"2\">");
        content.Explain("LatentOps is learning from your file: first how each customer buys, then how customers group together, then which products the same kind of customers buy, and finally which orders look unusual. This page updates by itself.");
        var percent = (int)Math.Round(status.Fraction * 100);
        content.Raw(
            "<div role=\"status\" aria-live=\"polite\">" +
            $"<p><label for=\"sales-progress\">Step {Math.Max(status.Step, 1)} of 5: {PageContent.Encode(StepName(status.Step))}</label></p>" +
            $"<p><progress id=\"sales-progress\" max=\"100\" value=\"{percent}\">{percent}%</progress></p>" +
            $"<p id=\"sales-progress-text\">{percent}% done{(status.Detail is { } d ? $" ({PageContent.Encode(d)})" : string.Empty)}.</p></div>");
        content.Raw($"<p>{PageContent.Link($"/sales/jobs/{id}", "Refresh now")}</p>");
        return DashboardLayout.Page(http, $"Analysing {job.FileName}", content, $"Started {Format.Time(job.Started)}.");

        IResult Failed(string what, string? error)
        {
            var failed = new PageContent();
            failed.Raw($"<div class=\"finding error\" role=\"alert\"><strong>error: the analysis stopped</strong><p>{PageContent.Encode(error)}</p></div>");
            failed.Raw($"<p>{PageContent.Link("/sales", "Back to the Sales page")}</p>");
            return DashboardLayout.Page(http, $"Analysing {what}", failed, statusCode: StatusCodes.Status200OK);
        }
    }

    private static IResult Status(string id, Workspace workspace)
    {
        var jobs = SalesJobs.For(workspace.Root);
        if (SalesResultStore.IsValidId(id) && jobs.Find(id) is { } job)
        {
            return Results.Json(job.Status(), LatentOpsJson.Compact);
        }

        if (jobs.Store.Failure(id) is { } failure)
        {
            return Results.Json(new SalesJobStatus(id, string.Empty, "failed", null, 0, 0, null, failure), LatentOpsJson.Compact);
        }

        return jobs.Store.FinishedIds().Contains(id)
            ? Results.Json(new SalesJobStatus(id, string.Empty, "done", SalesInsightsStages.Done, 1, 5, "finished", null), LatentOpsJson.Compact)
            : Results.Json(new { error = $"No analysis '{id}'." }, LatentOpsJson.Compact, statusCode: StatusCodes.Status404NotFound);
    }

    private static IResult Report(string id, HttpContext http, Workspace workspace)
    {
        var path = SalesJobs.For(workspace.Root).Store.ReportPath(id);
        return path is null
            ? DashboardLayout.Error(http, StatusCodes.Status404NotFound, "No such report", $"There is no finished analysis '{id}'.")
            : Results.File(path, "text/html; charset=utf-8", $"sales-insights-{id}.html");
    }

    private static async Task<IResult> ResultAsync(string id, string? product, HttpContext http, Workspace workspace, CancellationToken cancellationToken)
    {
        var result = await SalesJobs.For(workspace.Root).Store.LoadAsync(id, cancellationToken).ConfigureAwait(false);
        if (result is null)
        {
            return DashboardLayout.Error(http, StatusCodes.Status404NotFound, "No such analysis", $"There is no finished analysis '{id}'. The Sales page lists the analyses there are.");
        }

        var content = new PageContent();
        content.Explain(SalesWords.DemoData);
        var s = result.Summary;
        content.KeyValues(Facts(result));
        content.Raw($"<p>{PageContent.Link($"/sales/results/{id}/report", "Download the full report (HTML)")} · {PageContent.Link("/sales", "Analyse another file")}</p>");

        content.Heading("Customer segments", id: "segments");
        content.Explain(SalesWords.Segment + " " + SalesWords.HowSegments);
        content.Table($"{result.Segments.Count} segments, largest first", ["segment", "what sets it apart", "customers", "share of sales", "average spend", "average discount", "profit margin"],
            result.Segments.Select(g => (IReadOnlyList<string>)
            [
                $"Segment {g.Number}", g.Description, $"{Format.Count(g.Customers)} ({Format.Percent(g.ShareOfCustomers)})", Format.Percent(g.ShareOfSales),
                Money(g.AverageSpend), Format.Percent(g.AverageDiscount), g.ProfitMargin is { } m ? Format.Percent(m) : "not in the file",
            ]));
        content.Raw("<div class=\"charts\">");
        content.Chart(SalesCharts.SegmentSizes(result), "Bars per segment: its share of all customers (light) and of all sales (dark).");
        content.Chart(SalesCharts.SegmentDiscountAndProfit(result), "Bars per segment: average discount and profit margin, in percent.");
        content.Chart(SalesCharts.CustomerMap(result), "Every customer as a dot, coloured and shaped by segment: customers who buy alike are close together.");
        content.Raw("</div>");
        content.Raw("<div class=\"cards\">");
        foreach (var g in result.Segments)
        {
            var traits = g.Traits.Count == 0
                ? "<p>Close to the average customer on everything measured.</p>"
                : "<ul>" + string.Concat(g.Traits.Select(t => $"<li>{PageContent.Encode(t.Attribute)}: {PageContent.Encode(t.SegmentValue)} (all customers: {PageContent.Encode(t.OverallValue)})</li>")) + "</ul>";
            content.Raw($"<section class=\"card\" aria-labelledby=\"segment-{g.Number}\"><h3 id=\"segment-{g.Number}\">Segment {g.Number}</h3>" +
                $"<p class=\"segment-description\">{PageContent.Encode(g.Description)}</p>{traits}" +
                $"<p class=\"hint\">{PageContent.Encode($"{Format.Count(g.Customers)} customers, {Money(g.TotalSales)} sales. Typical customers: {string.Join(", ", g.ExampleCustomers)}.")}</p></section>");
        }

        content.Raw("</div>");

        AddProducts(content, id, result, product);
        AddUnusualOrders(content, result);

        content.Heading("How this was made", id: "method");
        var pm = result.ProductModel;
        content.Paragraph(string.Create(CultureInfo.InvariantCulture,
            $"Customers: a small neural network (a denoising autoencoder: it learns to restore customer profiles with some values hidden) turned each customer into {result.Settings.EmbeddingDimension} numbers, in {result.CustomerModel.Seconds:0.0} s. Customers were grouped by k-means, trying {result.Settings.MinSegments} to {result.Settings.MaxSegments} groups and keeping the clearest split."));
        content.Paragraph(string.Create(CultureInfo.InvariantCulture,
            $"Products: learned from {pm.Purchases:N0} purchases which customers buy which products. As a check, one purchase per customer was hidden: the model put it in its top 10% of products for {pm.HeldOutHitRateScore:0%} of customers, against {pm.PopularityHitRateScore:0%} when simply ranking products by popularity (10% by chance)."));
        content.Paragraph(string.Create(CultureInfo.InvariantCulture, $"Everything was seeded (seed {result.Settings.Seed}): the same file gives the same answers. The whole analysis took {result.TotalSeconds:0.0} s."));
        return DashboardLayout.Page(http, $"Sales insights: {result.Source}", content,
            string.Create(CultureInfo.InvariantCulture, $"{s.Lines:N0} order lines, {s.Customers:N0} customers, {s.Products:N0} products; analysed {Format.Time(result.CreatedAt)}."));
    }

    private static void AddProducts(PageContent content, string id, SalesInsightsResult result, string? product)
    {
        content.Heading("Products bought by similar customers", id: "products");
        content.Explain(SalesWords.SimilarProducts);
        var chosen = (product is null ? null : result.FindProduct(product)) ?? result.Products.FirstOrDefault();
        if (chosen is null)
        {
            content.Empty("The file has no products.");
            return;
        }

        var options = result.Products.Take(PickerProducts).ToList();
        if (!options.Contains(chosen))
        {
            options.Insert(0, chosen);
        }

        var select = string.Concat(options.Select(p =>
            $"<option value=\"{PageContent.Encode(p.ProductId)}\"{(ReferenceEquals(p, chosen) ? " selected" : string.Empty)}>{PageContent.Encode($"{p.Name} ({p.ProductId})")}</option>"));
        content.Raw($"<form class=\"stack\" method=\"get\" action=\"/sales/results/{id}#products\">" +
            $"<label for=\"product\">Pick a product (the {options.Count} best sellers)</label><select id=\"product\" name=\"product\">{select}</select>" +
            "<button type=\"submit\" class=\"primary\">Show similar products</button></form>");
        if (product is not null && result.FindProduct(product) is null)
        {
            content.Finding("warning", "Product not found", $"There is no product '{product}' in this file; showing the best seller instead.");
        }

        content.Table(
            $"Bought by customers like those who buy {chosen.Name} ({chosen.Buyers} buyers, {Money(chosen.Sales)} sales)",
            ["product", "sub-category", "similarity", "why"],
            chosen.Similar.Select(p => (IReadOnlyList<string>)[$"{p.Name} ({p.ProductId})", p.SubCategory ?? string.Empty, Format.Percent(Math.Max(p.SimilarityScore, 0)), p.Reason]));
        content.Paragraph("Similarity is 100% for products bought by exactly the same kind of customers and near 0% for unrelated products.");
    }

    private static void AddUnusualOrders(PageContent content, SalesInsightsResult result)
    {
        content.Heading("Unusual orders", id: "unusual");
        content.Explain(SalesWords.UnusualOrders);
        content.Table($"The {result.UnusualOrders.Count} most unusual order lines, most unusual first", ["order", "date", "customer", "product", "sales", "units", "discount", "profit", "why it stands out"],
            result.UnusualOrders.Select(o => (IReadOnlyList<string>)
            [
                o.OrderId, o.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty, o.CustomerId, o.ProductName, Money(o.Sales),
                o.Quantity.ToString("0.##", CultureInfo.InvariantCulture), Format.Percent(o.Discount), o.Profit is { } p ? Money(p) : string.Empty, string.Join(" ", o.Reasons),
            ]));
        if (result.UnusualOrders.Any(o => o.Profit is not null))
        {
            content.Chart(SalesCharts.UnusualOrders(result), "Each unusual order line as a dot: its discount across, its profit as a share of the sale up (below 0 is a loss).");
        }
    }

    private static IEnumerable<KeyValuePair<string, string>> Facts(SalesInsightsResult result)
    {
        var s = result.Summary;
        yield return new("Orders", Format.Count(s.Orders));
        yield return new("Customers", Format.Count(s.Customers));
        yield return new("Products", Format.Count(s.Products));
        yield return new("Total sales", Money(s.TotalSales));
        if (s.TotalProfit is { } profit)
        {
            yield return new("Total profit", Money(profit));
        }

        if (s.FirstOrder is { } first && s.LastOrder is { } last)
        {
            yield return new("Orders from", string.Create(CultureInfo.InvariantCulture, $"{first:yyyy-MM-dd} to {last:yyyy-MM-dd}"));
        }

        if (s.SkippedRows > 0)
        {
            yield return new("Rows left out", $"{Format.Count(s.SkippedRows)} (no order, customer, product or amount)");
        }
    }

    private static string StepName(int step) => step switch
    {
        0 or 1 => "reading the file",
        2 => "learning how each customer buys",
        3 => "grouping customers into segments",
        4 => "learning which products the same customers buy",
        _ => "looking for unusual orders",
    };

    private static string TooLarge(long bytes) => string.Create(CultureInfo.InvariantCulture,
        $"The file is {bytes / 1024.0 / 1024.0:0.0} MB; the largest accepted is {MaxUploadBytes / 1024 / 1024} MB. Export fewer rows (for example one year) and try again.");

    private static string Money(double value) => value.ToString("$#,##0;-$#,##0", CultureInfo.InvariantCulture);
}
