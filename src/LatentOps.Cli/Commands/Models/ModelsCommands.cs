using System.CommandLine;
using System.Globalization;
using LatentOps.Cli.Commands.Runs;
using LatentOps.Cli.Infrastructure;
using LatentOps.Core.Errors;
using LatentOps.Core.References;
using LatentOps.Store.Registry;
using LatentOps.Store.Stores;

namespace LatentOps.Cli.Commands.Models;

/// <summary><c>latentops models register|list|show|alias|promote|rollback|lineage</c>: the model registry.</summary>
internal static class ModelsCommands
{
    public static Command Create(CommandFactory factory)
    {
        var models = new Command("models", "The model registry: versions from runs, aliases (champion, ...), promotion through gates, rollback, lineage.");
        models.Add(Register(factory));
        models.Add(List(factory));
        models.Add(Show(factory));
        models.Add(Alias(factory));
        models.Add(Promote(factory));
        models.Add(Rollback(factory));
        models.Add(Lineage(factory));
        return models;
    }

    private static Command Register(CommandFactory factory)
    {
        var run = new Argument<string>("RUN") { Description = "The run whose model package to register (id or unique prefix)." };
        var name = new Option<string>("--name") { Description = "The registered model name (created on first registration).", Required = true, HelpName = "NAME" };
        var artifact = new Option<string>("--artifact") { Description = "The run artifact holding the model package.", DefaultValueFactory = _ => "model", HelpName = "PATH" };
        var command = new Command("register", "Register the next version of a model from a run's model package (its hash is recorded).") { run, name, artifact };
        factory.SetAction(command, async context =>
        {
            var tracking = StoreAccess.Tracking(context);
            var runId = await tracking.ResolveRunIdAsync(context.Value(run)!, context.CancellationToken).ConfigureAwait(false);
            var details = await tracking.GetRunAsync(runId, context.CancellationToken).ConfigureAwait(false);
            var package = details.Artifacts.FirstOrDefault(a => a.Path == context.Value(artifact));
            if (package is not null && !context.Workspace.Artifacts.Exists(package.Hash))
            {
                throw LatentOpsException.InvalidState(
                    $"Run {runId} records the artifact '{package.Path}' ({package.Hash}), but it is missing from the artifact store '{context.Workspace.Artifacts.Root}'. Restore it before registering.");
            }

            var version = await StoreAccess.Registry(context).RegisterAsync(context.Value(name)!, runId, context.Value(artifact)!, context.CancellationToken).ConfigureAwait(false);
            context.WriteResult(version, output => output.WriteLine($"Registered {version.Reference} from run {StoreAccess.Short(runId)} (package {version.PackageHash[..12]}...)."));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command List(CommandFactory factory)
    {
        var command = new Command("list", "List registered models with their latest version and aliases.");
        factory.SetAction(command, async context =>
        {
            var models = await StoreAccess.Registry(context).ListModelsAsync(context.CancellationToken).ConfigureAwait(false);
            context.WriteResult(new ModelListResult(models), output =>
            {
                if (models.Count == 0)
                {
                    output.WriteLine("No registered models. 'latentops models register RUN --name NAME' creates one.");
                    return;
                }

                output.WriteLine($"{"NAME",-24} {"LATEST",6}  ALIASES");
                foreach (var model in models)
                {
                    output.WriteLine($"{model.Name,-24} {model.LatestVersion,6}  {string.Join(", ", model.Aliases.Select(a => $"{a.Key} -> v{a.Value}"))}");
                }
            });
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Show(CommandFactory factory)
    {
        var name = new Argument<string>("NAME") { Description = "The registered model name." };
        var command = new Command("show", "Show a model's versions (run, package hash, aliases) and its alias history.") { name };
        factory.SetAction(command, async context =>
        {
            var registry = StoreAccess.Registry(context);
            var details = await registry.GetModelAsync(context.Value(name)!, context.CancellationToken).ConfigureAwait(false);
            var history = await registry.GetAliasHistoryAsync(details.Model.Name, null, context.CancellationToken).ConfigureAwait(false);
            var result = new ModelShowResult(details.Model, details.Versions, history);
            context.WriteResult(result, output =>
            {
                output.WriteLine($"model: {details.Model.Name} (latest v{details.Model.LatestVersion})");
                output.WriteLine($"{"VERSION",7}  {"RUN",-8}  {"PACKAGE",-14}  {"REGISTERED (UTC)",-19}  ALIASES");
                foreach (var v in details.Versions)
                {
                    output.WriteLine($"{v.Version,7}  {StoreAccess.Short(v.RunId),-8}  {v.PackageHash[..12] + "..",-14}  {v.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),-19}  {string.Join(", ", v.Aliases)}");
                }

                output.WriteLine("alias history:" + (history.Count == 0 ? " -" : string.Empty));
                foreach (var move in history)
                {
                    output.WriteLine($"  {move.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}  {move.Alias}: {(move.FromVersion is { } f ? $"v{f}" : "-")} -> v{move.ToVersion}  {move.Kind} by {move.Actor}{(move.Reason is null ? string.Empty : $" ({move.Reason})")}");
                }
            });
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Alias(CommandFactory factory)
    {
        var name = new Argument<string>("NAME") { Description = "The registered model name." };
        var version = new Argument<int>("VERSION") { Description = "The version the alias should point at." };
        var alias = new Argument<string>("ALIAS") { Description = "The alias (e.g. staging); use 'models promote' for gated aliases such as champion." };
        var command = new Command("alias", "Point an alias at a version without gates (recorded in the alias history and audit log).") { name, version, alias };
        factory.SetAction(command, async context =>
        {
            var move = await StoreAccess.Registry(context).SetAliasAsync(context.Value(name)!, context.Value(alias)!, context.Value(version), context.CancellationToken).ConfigureAwait(false);
            context.WriteResult(move, output => output.WriteLine($"{move.Model}@{move.Alias}: {(move.FromVersion is { } f ? $"v{f}" : "-")} -> v{move.ToVersion}"));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Promote(CommandFactory factory)
    {
        var name = new Argument<string>("NAME") { Description = "The registered model name." };
        var version = new Argument<int>("VERSION") { Description = "The candidate version." };
        var alias = new Option<string>("--alias") { Description = "The alias to move.", DefaultValueFactory = _ => "champion", HelpName = "ALIAS" };
        var force = new Option<bool>("--force") { Description = "Move the alias even if gates fail (needs --reason; recorded and audited)." };
        var reason = new Option<string?>("--reason") { Description = "Why the gates are overridden (required with --force).", HelpName = "TEXT" };
        var command = new Command("promote", $"Move an alias to a version if it passes the promotion gates in the workspace's {PromotionGates.ConfigFileName} (e.g. metric >= champion - 0.005, ECE <= x).")
        {
            name, version, alias, force, reason,
        };
        factory.SetAction(command, async context =>
        {
            var gates = context.Workspace.PromotionGates();
            var request = new PromotionRequest(context.Value(name)!, context.Value(version), context.Value(alias)!, context.Value(force), context.Value(reason));
            var result = await StoreAccess.Registry(context).PromoteAsync(request, gates, context.CancellationToken).ConfigureAwait(false);
            if (!result.Promoted)
            {
                var failed = result.Gates.Where(g => !g.Passed).Select(g => $"{g.Rule} ({g.Detail})");
                throw LatentOpsException.InvalidState(
                    $"{request.Name}:{request.Version} was not promoted to '{request.Alias}': it fails {string.Join("; ", failed)}. " +
                    $"The alias stays at {(result.ChampionVersion is { } c ? $"v{c}" : "nothing")}. Override with --force --reason TEXT if you must.");
            }

            context.WriteResult(result, output =>
            {
                output.WriteLine($"{result.Model}@{result.Alias}: {(result.ChampionVersion is { } c ? $"v{c}" : "-")} -> v{result.Version}{(result.Forced ? " (FORCED: gates overridden)" : string.Empty)}");
                foreach (var gate in result.Gates)
                {
                    output.WriteLine($"  {(gate.Passed ? "pass" : "FAIL")}  {gate.Rule}  ({gate.Detail})");
                }

                if (result.Gates.Count == 0)
                {
                    output.WriteLine($"  no gates configured (add them to {Path.Combine(context.Workspace.Root, PromotionGates.ConfigFileName)}; see docs/store.md)");
                }
            });
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Rollback(CommandFactory factory)
    {
        var name = new Argument<string>("NAME") { Description = "The registered model name." };
        var alias = new Option<string>("--alias") { Description = "The alias to move back.", DefaultValueFactory = _ => "champion", HelpName = "ALIAS" };
        var command = new Command("rollback", "Move an alias back to its previous holder, in one transaction (recorded and audited).") { name, alias };
        factory.SetAction(command, async context =>
        {
            var move = await StoreAccess.Registry(context).RollbackAsync(context.Value(name)!, context.Value(alias)!, context.CancellationToken).ConfigureAwait(false);
            context.WriteResult(move, output => output.WriteLine($"{move.Model}@{move.Alias}: v{move.FromVersion} -> v{move.ToVersion} (rolled back)"));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Lineage(CommandFactory factory)
    {
        var reference = new Argument<string>("REF") { Description = "The model version: NAME:VERSION or NAME@ALIAS." };
        var command = new Command("lineage", "Show where a model version came from: run, source commit, parameters, metrics, data versions and their sources.") { reference };
        factory.SetAction(command, async context =>
        {
            var registry = StoreAccess.Registry(context);
            var version = await registry.ResolveAsync(ModelRef.Parse(context.Value(reference)!), context.CancellationToken).ConfigureAwait(false);
            var lineage = await registry.GetLineageAsync(version.Name, version.Version, context.CancellationToken).ConfigureAwait(false);
            context.WriteResult(lineage, output =>
            {
                output.WriteLine($"{version.Reference}  package {version.PackageHash}");
                output.WriteLine($"  run {lineage.Run.RunId} ({lineage.Run.Name}, experiment {lineage.Run.Experiment}, commit {lineage.Run.SourceCommit ?? "-"})");
                foreach (var dataset in lineage.Datasets)
                {
                    output.WriteLine($"  {dataset.Role}: {dataset.Name}:{dataset.Version}{(dataset.ContentHash is null ? string.Empty : $" [{dataset.ContentHash[..Math.Min(12, dataset.ContentHash.Length)]}]")}{(dataset.Source is null ? string.Empty : $" from {dataset.Source}")}");
                }

                output.WriteLine($"  params: {string.Join(", ", lineage.Params.Select(p => $"{p.Key}={p.Value}"))}");
                output.WriteLine($"  metrics: {string.Join(", ", lineage.Metrics.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => $"{m.Key}={StoreAccess.Format(m.Value)}"))}");
            });
            return ExitCodes.Success;
        });
        return command;
    }
}

/// <summary>The result of <c>models list</c>.</summary>
internal sealed record ModelListResult(IReadOnlyList<RegisteredModel> Models);

/// <summary>The result of <c>models show</c>.</summary>
internal sealed record ModelShowResult(RegisteredModel Model, IReadOnlyList<ModelVersion> Versions, IReadOnlyList<AliasMove> AliasHistory);
