using System.CommandLine;
using System.Globalization;
using LatentOps.Cli.Infrastructure;
using LatentOps.Core.Errors;
using LatentOps.Reports.Charts;
using LatentOps.Reports.Html;
using LatentOps.Store.Tracking;

namespace LatentOps.Cli.Commands.Runs;

/// <summary><c>latentops runs list|show|compare</c>: the experiment tracking views.</summary>
internal static class RunsCommands
{
    public static Command Create(CommandFactory factory)
    {
        var runs = new Command("runs", "List, show and compare tracked runs (parameters, metrics with steps, tags, artifacts, data versions).");
        runs.Add(List(factory));
        runs.Add(Show(factory));
        runs.Add(Compare(factory));
        return runs;
    }

    private static Command List(CommandFactory factory)
    {
        var experiment = new Option<string?>("--experiment") { Description = "Only runs of this experiment.", HelpName = "NAME" };
        var status = new Option<RunStatus?>("--status") { Description = "Only runs in this state: running, finished, failed or killed." };
        var filter = new Option<string?>("--filter")
        {
            Description = "Conditions joined by 'and': metrics.KEY OP NUMBER, params.KEY = 'TEXT', tags.KEY != 'TEXT', attributes.name = 'TEXT' (OP: = != < <= > >=).",
            HelpName = "EXPR",
        };
        var orderBy = new Option<string?>("--order-by") { Description = "start_time, name, metrics.KEY or params.KEY, then asc or desc. Default: start_time desc.", HelpName = "FIELD [asc|desc]" };
        var max = new Option<int>("--max") { Description = "At most this many runs (1 to 100000).", DefaultValueFactory = _ => 50 };
        var command = new Command("list", "List runs, newest first, with their headline metrics.") { experiment, status, filter, orderBy, max };
        factory.SetAction(command, async context =>
        {
            var found = await StoreAccess.Tracking(context).SearchRunsAsync(new RunQuery
            {
                Experiment = context.Value(experiment),
                Status = context.Value(status),
                Filter = context.Value(filter),
                OrderBy = context.Value(orderBy),
                MaxResults = context.Value(max),
            }, context.CancellationToken).ConfigureAwait(false);
            var result = new RunListResult(found.Count, found.Select(RunSummary.Of).ToList());
            context.WriteResult(result, output =>
            {
                if (found.Count == 0)
                {
                    output.WriteLine("No runs match. 'latentops train' creates runs.");
                    return;
                }

                output.WriteLine($"{"RUN",-10} {"EXPERIMENT",-16} {"NAME",-20} {"STATUS",-9} {"STARTED (UTC)",-19}  METRICS");
                foreach (var run in found)
                {
                    var metrics = string.Join(", ", run.Metrics.OrderBy(m => m.Key, StringComparer.Ordinal).Take(4).Select(m => $"{m.Key}={StoreAccess.Format(m.Value)}"));
                    output.WriteLine($"{StoreAccess.Short(run.Info.RunId),-10} {Clip(run.Info.Experiment, 16),-16} {Clip(run.Info.Name, 20),-20} {run.Info.Status.ToString().ToLowerInvariant(),-9} {run.Info.StartTime.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),-19}  {metrics}");
                }
            });
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Show(CommandFactory factory)
    {
        var id = new Argument<string>("RUN") { Description = "The run id, or a unique prefix of at least 4 hex digits." };
        var command = new Command("show", "Show one run: attributes, parameters, latest metrics, tags, artifacts and data versions.") { id };
        factory.SetAction(command, async context =>
        {
            var tracking = StoreAccess.Tracking(context);
            var run = await tracking.GetRunAsync(await tracking.ResolveRunIdAsync(context.Value(id)!, context.CancellationToken).ConfigureAwait(false), context.CancellationToken).ConfigureAwait(false);
            context.WriteResult(run, output =>
            {
                output.WriteLine($"run:        {run.Info.RunId}");
                output.WriteLine($"experiment: {run.Info.Experiment}");
                output.WriteLine($"name:       {run.Info.Name}");
                output.WriteLine($"status:     {run.Info.Status.ToString().ToLowerInvariant()}");
                output.WriteLine($"started:    {run.Info.StartTime:O} by {run.Info.CreatedBy}");
                output.WriteLine($"ended:      {(run.Info.EndTime is { } end ? end.ToString("O", CultureInfo.InvariantCulture) : "-")}");
                output.WriteLine($"commit:     {run.Info.SourceCommit ?? "-"}");
                Section(output, "params", run.Params.Select(p => $"{p.Key} = {p.Value}"));
                Section(output, "metrics (latest)", run.Metrics.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => $"{m.Key} = {StoreAccess.Format(m.Value)}"));
                Section(output, "tags", run.Tags.Select(t => $"{t.Key} = {t.Value}"));
                Section(output, "artifacts", run.Artifacts.Select(a => $"{a.Path}  {a.Hash}  {a.Size} bytes"));
                Section(output, "datasets", run.Datasets.Select(d => $"{d.Role}: {d.Name}:{d.Version}{(d.Source is null ? string.Empty : $" from {d.Source}")}"));
            });
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Compare(CommandFactory factory)
    {
        var ids = new Argument<string[]>("RUN") { Description = "Two or more run ids (or unique prefixes).", Arity = new ArgumentArity(2, 50) };
        var output = new Option<string?>("--output") { Description = "Where to write the HTML comparison (metric curves). Default: runs-compare.html in the current folder.", HelpName = "PATH" };
        var command = new Command("compare", "Compare runs side by side (parameters and metrics) and write an HTML report with metric curves.") { ids, output };
        factory.SetAction(command, async context =>
        {
            var tracking = StoreAccess.Tracking(context);
            var runs = new List<Run>();
            foreach (var text in context.Value(ids)!)
            {
                var runId = await tracking.ResolveRunIdAsync(text, context.CancellationToken).ConfigureAwait(false);
                if (runs.Any(r => r.Info.RunId == runId))
                {
                    throw LatentOpsException.InvalidInput($"Run {runId} is named twice; compare different runs.");
                }

                runs.Add(await tracking.GetRunAsync(runId, context.CancellationToken).ConfigureAwait(false));
            }

            var paramKeys = runs.SelectMany(r => r.Params.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
            var metricKeys = runs.SelectMany(r => r.Metrics.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
            var histories = new Dictionary<string, List<(Run Run, IReadOnlyList<MetricPoint> Points)>>(StringComparer.Ordinal);
            foreach (var key in metricKeys)
            {
                foreach (var run in runs.Where(r => r.Metrics.ContainsKey(key)))
                {
                    var points = await tracking.GetMetricHistoryAsync(run.Info.RunId, key, context.CancellationToken).ConfigureAwait(false);
                    (histories.TryGetValue(key, out var list) ? list : histories[key] = []).Add((run, points));
                }
            }

            var path = context.Environment.ResolvePath(context.Value(output) ?? "runs-compare.html");
            var report = new HtmlReport("Run comparison", string.Join(" vs ", runs.Select(r => $"{r.Info.Name} ({StoreAccess.Short(r.Info.RunId)})")));
            var headers = new List<string> { "" };
            headers.AddRange(runs.Select(r => $"{r.Info.Name} ({StoreAccess.Short(r.Info.RunId)})"));
            report.Heading("Parameters").Table("Parameters by run", headers,
                paramKeys.Select(k => (IReadOnlyList<string>)[k, .. runs.Select(r => r.Params.GetValueOrDefault(k) ?? "-")]));
            report.Heading("Metrics (latest value)").Table("Latest metric values by run", headers,
                metricKeys.Select(k => (IReadOnlyList<string>)[k, .. runs.Select(r => r.Metrics.TryGetValue(k, out var v) ? StoreAccess.Format(v) : "-")]));
            report.Heading("Metric curves");
            var curves = 0;
            foreach (var (key, series) in histories.Where(h => h.Value.Any(s => s.Points.Count > 1)))
            {
                var lines = series.Select(s => new LineSeries($"{s.Run.Info.Name} ({StoreAccess.Short(s.Run.Info.RunId)})",
                    s.Points.Select(p => (double)p.Step).ToList(), s.Points.Select(p => p.Value).ToList(), Markers: s.Points.Count <= 30));
                report.Chart(Chart.Lines(key, lines, "step", key), $"{key} by step for each run");
                curves++;
            }

            if (curves == 0)
            {
                report.Paragraph("No metric was logged at more than one step, so there are no curves to draw.");
            }

            await report.SaveAsync(path, context.CancellationToken).ConfigureAwait(false);
            var result = new RunComparison(
                runs.Select(RunSummary.Of).ToList(),
                paramKeys.ToDictionary(k => k, k => (IReadOnlyList<string?>)runs.Select(r => r.Params.GetValueOrDefault(k)).ToList()),
                metricKeys.ToDictionary(k => k, k => (IReadOnlyList<double?>)runs.Select(r => r.Metrics.TryGetValue(k, out var v) ? v : (double?)null).ToList()),
                path);
            context.WriteResult(result, text =>
            {
                var width = Math.Max(12, paramKeys.Concat(metricKeys).Select(k => k.Length).DefaultIfEmpty(0).Max());
                text.WriteLine($"{"",-12}".PadRight(width) + string.Concat(runs.Select(r => $"  {StoreAccess.Short(r.Info.RunId),-12}")));
                foreach (var key in paramKeys)
                {
                    text.WriteLine(key.PadRight(width) + string.Concat(runs.Select(r => $"  {Clip(r.Params.GetValueOrDefault(key) ?? "-", 12),-12}")));
                }

                foreach (var key in metricKeys)
                {
                    text.WriteLine(key.PadRight(width) + string.Concat(runs.Select(r => $"  {(r.Metrics.TryGetValue(key, out var v) ? StoreAccess.Format(v) : "-"),-12}")));
                }

                text.WriteLine();
                text.WriteLine($"HTML with metric curves: {path}");
            });
            return ExitCodes.Success;
        });
        return command;
    }

    private static void Section(TextWriter output, string title, IEnumerable<string> lines)
    {
        var list = lines.ToList();
        output.WriteLine($"{title}:{(list.Count == 0 ? " -" : string.Empty)}");
        foreach (var line in list)
        {
            output.WriteLine($"  {line}");
        }
    }

    private static string Clip(string text, int width) => text.Length <= width ? text : text[..(width - 1)] + "…";
}

/// <summary>A run in lists: its attributes and latest metrics.</summary>
internal sealed record RunSummary(string RunId, string Experiment, string Name, string Status, DateTimeOffset StartTime, DateTimeOffset? EndTime, IReadOnlyDictionary<string, double> Metrics)
{
    public static RunSummary Of(Run run) => new(run.Info.RunId, run.Info.Experiment, run.Info.Name, run.Info.Status.ToString().ToLowerInvariant(), run.Info.StartTime, run.Info.EndTime, run.Metrics);
}

/// <summary>The result of <c>runs list</c>.</summary>
internal sealed record RunListResult(int Count, IReadOnlyList<RunSummary> Runs);

/// <summary>The result of <c>runs compare</c>: values in the order of <see cref="Runs"/> (null where a run lacks one).</summary>
internal sealed record RunComparison(IReadOnlyList<RunSummary> Runs, IReadOnlyDictionary<string, IReadOnlyList<string?>> Params, IReadOnlyDictionary<string, IReadOnlyList<double?>> Metrics, string Report);
