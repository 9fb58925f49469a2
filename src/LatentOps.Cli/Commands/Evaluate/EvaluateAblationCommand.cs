using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LatentOps.Cli.Commands.Runs;
using LatentOps.Cli.Infrastructure;
using LatentOps.Core.Errors;
using LatentOps.Core.Serialization;
using LatentOps.Core.Tables;
using LatentOps.Evaluation.Ablations;
using LatentOps.Evaluation.Tuning;
using LatentOps.Learning.Encoders;
using LatentOps.Learning.Training;
using LatentOps.Learning.Tuning;
using LatentOps.Reports.Evaluation;
using LatentOps.Reports.Html;
using LatentOps.Store.Datasets;
using LatentOps.Store.Tracking;

namespace LatentOps.Cli.Commands.Evaluate;

/// <summary>
/// <c>latentops evaluate ablation --base RUN --vary param=v1,v2</c>: retrains the base run's settings
/// changing one factor at a time over several seeds (<see cref="AblationStudy"/>) and scores each
/// encoder on held-out rows (linear probe with a label, RankMe without); records a run in experiment
/// <c>ablation</c> with the result and an HTML report.
/// </summary>
internal static class EvaluateAblationCommand
{
    public const string Experiment = "ablation";

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["dim"] = "embeddingDimension",
        ["lr"] = "learningRate",
        ["hidden"] = "hiddenWidth",
        ["corruption"] = "corruptionRate",
        ["batch"] = "batchSize",
    };

    public static Command Create(CommandFactory factory)
    {
        var baseRun = new Option<string>("--base") { Description = "The training run whose settings are the base (id or unique prefix; a run made by 'latentops train').", Required = true, HelpName = "RUN" };
        var vary = new Option<string[]>("--vary") { Description = "A factor and the values to try instead of the base value, e.g. --vary dim=16,128 --vary objective=dae (names: the run's parameters, or dim, lr, hidden, corruption, batch). Repeatable.", Required = true, HelpName = "NAME=V1,V2", AllowMultipleArgumentsPerToken = false };
        var seeds = new Option<int>("--seeds") { Description = "Seeds per variant (1 to 20; 3 to 5 is usual; intervals need at least 2).", DefaultValueFactory = _ => 3, HelpName = "N" };
        var epochs = new Option<int?>("--epochs") { Description = "Epochs per training (default: the base run's).", HelpName = "E" };
        var threads = new Option<int>("--threads") { Description = "TorchSharp threads per training (1 to 256).", DefaultValueFactory = _ => 1, HelpName = "T" };
        var holdout = new Option<double>("--holdout") { Description = "Share of rows held out and scored (0.05 to 0.5).", DefaultValueFactory = _ => 0.2, HelpName = "F" };
        var output = new Option<string?>("--out") { Description = "Where to write the HTML report. Default: reports/ablation-<run>.html in the workspace folder.", HelpName = "PATH" };
        var command = new Command("ablation", "Retrain a run's settings changing one factor at a time over several seeds; report each variant's mean score with a t-interval and its paired difference to the base.")
        {
            baseRun, vary, seeds, epochs, threads, holdout, output,
        };
        factory.SetAction(command, async context =>
        {
            var seedCount = context.Value(seeds);
            if (seedCount is < 1 or > 20)
            {
                throw LatentOpsException.InvalidInput($"--seeds {seedCount} is out of range: use 1 to 20.");
            }

            var fraction = context.Value(holdout);
            if (fraction is < 0.05 or > 0.5)
            {
                throw LatentOpsException.InvalidInput($"--holdout {fraction.ToString(CultureInfo.InvariantCulture)} is out of range: use 0.05 to 0.5.");
            }

            var tracking = StoreAccess.Tracking(context);
            var run = await tracking.GetRunAsync(await tracking.ResolveRunIdAsync(context.Value(baseRun)!, context.CancellationToken).ConfigureAwait(false), context.CancellationToken).ConfigureAwait(false);
            var trained = run.Datasets.FirstOrDefault(d => d.Role == "train")
                ?? throw LatentOpsException.InvalidInput($"--base: run {StoreAccess.Short(run.Info.RunId)} records no training dataset; pick a run made by 'latentops train'.");
            if (run.Params.ContainsKey("initialModel") || run.Tags.ContainsKey("finetunedFrom"))
            {
                context.Warn("the base run was fine-tuned from another run; variants train from scratch.");
            }

            var settings = new Dictionary<string, string>(run.Params, StringComparer.Ordinal);
            settings.Remove("seed");
            if (context.Value(epochs) is { } e)
            {
                settings["epochs"] = e.ToString(CultureInfo.InvariantCulture);
            }

            settings["threads"] = context.Value(threads).ToString(CultureInfo.InvariantCulture);
            var factors = context.Value(vary)!.Select(v => ParseFactor(v, settings)).ToList();
            _ = ToOptions(settings, 0); // The base must be valid before anything trains.
            foreach (var factor in factors)
            {
                foreach (var value in factor.Values)
                {
                    _ = ToOptions(new Dictionary<string, string>(settings) { [factor.Name] = value }, 0);
                }
            }

            var catalog = new DatasetCatalog(context.Workspace);
            var version = await catalog.GetVersionAsync(new Core.References.DatasetRef(trained.Name, trained.Version), context.CancellationToken).ConfigureAwait(false);
            var table = await catalog.LoadTableAsync(version, context.CancellationToken).ConfigureAwait(false);
            var label = settings.GetValueOrDefault("labelColumn") is { Length: > 0 } l && l != "null" ? l : version.Roles.Label;
            var rows = Enumerable.Range(0, table.RowCount).ToArray();
            new Random(42).Shuffle(rows);
            var held = (int)Math.Round(rows.Length * fraction);
            var train = table.Take(rows[held..].Order().ToArray());
            var test = table.Take(rows[..held].Order().ToArray());
            var scorer = label is not null && table.Contains(label) ? RepresentationScorers.LinearProbe() : RepresentationScorers.RankMe();
            var trainLabels = Labels(train, scorer, label);
            var testLabels = Labels(test, scorer, label);

            var result = await context.WithProgressAsync($"ablation of run {StoreAccess.Short(run.Info.RunId)}", progress =>
                AblationStudy.RunAsync(settings, factors, [.. Enumerable.Range(0, seedCount)], scorer.Name, (variant, seed, ct) => Task.Run(() =>
                {
                    var training = new TabularTrainer(ToOptions(variant, seed)).Fit(train, cancellationToken: ct);
                    using TabularEncoderModel model = training.Model;
                    return scorer.Score(new RepresentationScoringInput(model.Embed(train), model.Embed(test), trainLabels, testLabels));
                }, ct), progress: progress, cancellationToken: context.CancellationToken)).ConfigureAwait(false);

            var reportPath = context.Value(output) is { } o
                ? Path.GetFullPath(Path.Combine(context.Environment.CurrentDirectory, o))
                : Path.Combine(context.WorkspaceRoot, "reports", $"ablation-{StoreAccess.Short(run.Info.RunId)}.html");
            var report = new HtmlReport($"Ablation of run {StoreAccess.Short(run.Info.RunId)}", $"{version.Ref}: trained on {train.RowCount:N0} rows, scored by {scorer.Name} on {test.RowCount:N0} held-out rows");
            EvaluationReport.AddAblation(report, result);
            await report.SaveAsync(reportPath, context.CancellationToken).ConfigureAwait(false);

            var ablationRun = await tracking.CreateRunAsync(new RunStart
            {
                Experiment = Experiment,
                Name = $"ablation of {StoreAccess.Short(run.Info.RunId)}",
                SourceCommit = Train.SourceCommit.Of(context.Environment.CurrentDirectory),
                Params = new Dictionary<string, string>
                {
                    ["baseRun"] = run.Info.RunId,
                    ["vary"] = string.Join("; ", factors.Select(f => $"{f.Name}={string.Join(',', f.Values)}")),
                    ["seeds"] = seedCount.ToString(CultureInfo.InvariantCulture),
                    ["scorer"] = scorer.Name,
                    ["holdout"] = fraction.ToString(CultureInfo.InvariantCulture),
                },
                Tags = new Dictionary<string, string> { [EvaluationRun.KindTag] = "ablation" },
            }, context.CancellationToken).ConfigureAwait(false);
            await tracking.LogDatasetAsync(ablationRun.RunId, new RunDataset("train", version.Name, version.Version, version.ContentHash, version.Provenance.Source?.FileName), context.CancellationToken).ConfigureAwait(false);
            var now = DateTimeOffset.UtcNow;
            await tracking.LogMetricsAsync(ablationRun.RunId,
                [new MetricPoint($"base.{scorer.Name}", result.Base.Mean, 0, now), .. result.Variants.Select(v => new MetricPoint($"{v.Factor}={v.Value}.{scorer.Name}", v.Mean, 0, now))], context.CancellationToken).ConfigureAwait(false);
            var html = await context.Workspace.Artifacts.PutFileAsync(reportPath, context.CancellationToken).ConfigureAwait(false);
            await tracking.LogArtifactAsync(ablationRun.RunId, new RunArtifact("ablation.html", html.Hash, html.Size), context.CancellationToken).ConfigureAwait(false);
            var json = await context.Workspace.Artifacts.PutAsync(Encoding.UTF8.GetBytes(LatentOpsJson.Serialize(result)), context.CancellationToken).ConfigureAwait(false);
            await tracking.LogArtifactAsync(ablationRun.RunId, new RunArtifact("ablation.json", json.Hash, json.Size), context.CancellationToken).ConfigureAwait(false);
            await tracking.EndRunAsync(ablationRun.RunId, RunStatus.Finished, context.CancellationToken).ConfigureAwait(false);

            var outcome = new AblationOutcome(run.Info.RunId, version.Ref.ToString(), ablationRun.RunId, reportPath, result);
            context.WriteResult(outcome, writer =>
            {
                writer.WriteLine($"ablation of run {StoreAccess.Short(run.Info.RunId)} on {version.Ref}: {result.Metric}, seeds {string.Join(", ", result.Seeds)}");
                foreach (var v in new[] { result.Base }.Concat(result.Variants))
                {
                    var name = v.Factor is null ? "base" : $"{v.Factor}={v.Value}";
                    var difference = v.Factor is null
                        ? string.Empty
                        : string.Create(CultureInfo.InvariantCulture, $"  difference {v.Difference:+0.0000;-0.0000} ({v.DifferenceLower:0.0000} to {v.DifferenceUpper:0.0000}){(v.Significant ? " significant" : string.Empty)}");
                    writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-28} {v.Mean:0.0000} ({v.Lower:0.0000} to {v.Upper:0.0000}){difference}"));
                }

                foreach (var warning in result.Warnings)
                {
                    writer.WriteLine($"note: {warning}");
                }

                writer.WriteLine($"run: {ablationRun.RunId} (experiment {Experiment})");
                writer.WriteLine($"report: {reportPath}");
            });
            return ExitCodes.Success;
        });
        return command;
    }

    private static AblationFactor ParseFactor(string text, IReadOnlyDictionary<string, string> settings)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0 || equals == text.Length - 1)
        {
            throw LatentOpsException.InvalidInput($"--vary '{text}' is not NAME=V1,V2 (e.g. dim=16,128).");
        }

        var name = text[..equals].Trim();
        name = Aliases.TryGetValue(name, out var canonical) ? canonical : name;
        if (!settings.ContainsKey(name))
        {
            throw LatentOpsException.InvalidInput($"--vary: the base run has no parameter '{name}'. Parameters: {string.Join(", ", settings.Keys.Order(StringComparer.Ordinal))} (aliases: {string.Join(", ", Aliases.Keys)}).");
        }

        var values = EvaluateCommands.List(text[(equals + 1)..]);
        return values.Count > 0 ? new AblationFactor(name, values) : throw LatentOpsException.InvalidInput($"--vary '{text}' lists no values.");
    }

    /// <summary>Training options from flattened parameters (as 'latentops train' records them) and a seed.</summary>
    private static TrainingOptions ToOptions(IReadOnlyDictionary<string, string> settings, int seed)
    {
        var json = new JsonObject();
        foreach (var (key, value) in settings)
        {
            JsonNode? node;
            try
            {
                node = JsonNode.Parse(value);
            }
            catch (JsonException)
            {
                node = JsonValue.Create(value);
            }

            json[key] = node;
        }

        json["seed"] = seed;
        TrainingOptions options;
        try
        {
            options = json.Deserialize<TrainingOptions>(LatentOpsJson.Compact) ?? throw LatentOpsException.InvalidInput("The base run's parameters are empty.");
        }
        catch (JsonException ex)
        {
            throw LatentOpsException.InvalidInput($"--vary: a value does not fit its setting ({ex.Path}): {ex.Message}");
        }

        options.Validate();
        return options;
    }

    private static string?[]? Labels(Table table, IRepresentationScorer scorer, string? label)
    {
        if (label is null || scorer.Name == "rankMeScore")
        {
            return null;
        }

        var column = table[label];
        return [.. Enumerable.Range(0, table.RowCount).Select(r => column.GetValue(r) switch
        {
            null => null,
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            var v => Convert.ToString(v, CultureInfo.InvariantCulture),
        })];
    }
}

/// <summary>The result of <c>evaluate ablation</c>.</summary>
internal sealed record AblationOutcome(string BaseRun, string Dataset, string RunId, string Report, AblationResult Ablation);
