using System.CommandLine;
using System.CommandLine.Invocation;
using LatentOps.Cli.Commands;
using LatentOps.Cli.Infrastructure;
using LatentOps.Core.Errors;

namespace LatentOps.Cli;

/// <summary>
/// Builds the <c>latentops</c> command tree and runs it, mapping outcomes to exit codes:
/// 0 success, 1 user error (<see cref="LatentOpsException"/>), 2 usage error.
/// </summary>
internal static class CliApp
{
    public static RootCommand BuildRoot(CliEnvironment environment)
    {
        var globals = new GlobalOptions();
        var factory = new CommandFactory(environment, globals);
        var root = new RootCommand(
            "LatentOps: a self-hosted MLOps platform in which learned representations (embeddings) are first-class.\n" +
            "Data -> datasets -> learn -> evaluate -> register -> serve -> monitor, from one command.");
        globals.AddTo(root);
        // In the order of the pipeline (DESIGN.md, "The command line").
        root.Add(Commands.Quickstart.QuickstartCommand.Create(factory));
        root.Add(Commands.Data.DataCommands.Create(factory));
        root.Add(Commands.Train.TrainCommand.Create(factory));
        root.Add(Commands.Evaluate.EvaluateCommands.Create(factory));
        root.Add(Commands.Tune.TuneCommand.Create(factory));
        root.Add(Commands.Embed.EmbedCommand.Create(factory));
        root.Add(Commands.Embed.SimilarCommand.Create(factory));
        root.Add(Commands.Runs.RunsCommands.Create(factory));
        root.Add(Commands.Models.ModelsCommands.Create(factory));
        root.Add(Commands.Serve.ServeCommand.Create(factory));
        root.Add(Commands.Export.ExportCommand.Create(factory));
        root.Add(Commands.Keys.KeysCommands.Create(factory));
        root.Add(Commands.Monitor.MonitorCommands.Create(factory));
        root.Add(Commands.Governance.CardCommand.Create(factory));
        root.Add(Commands.Governance.DatasheetCommand.Create(factory));
        root.Add(Commands.Audit.AuditCommands.Create(factory));
        root.Add(Commands.Insights.InsightsCommands.Create(factory));
        root.Add(WorkspaceCommands.Create(factory));
        return root;
    }

    public static Task<int> RunAsync(string[] args, CliEnvironment environment, CancellationToken cancellationToken = default) =>
        RunAsync(BuildRoot(environment), args, environment, cancellationToken);

    public static async Task<int> RunAsync(RootCommand root, string[] args, CliEnvironment environment, CancellationToken cancellationToken = default)
    {
        var parseResult = root.Parse(args);
        var verbose = args.Contains("--verbose");
        if (parseResult.Action is ParseErrorAction)
        {
            foreach (var error in parseResult.Errors)
            {
                await environment.Error.WriteLineAsync($"error: {error.Message}").ConfigureAwait(false);
            }

            var command = string.Join(' ', parseResult.CommandResult.Command is RootCommand ? ["latentops"] : CommandPath(parseResult));
            await environment.Error.WriteLineAsync($"Run '{command} --help' to see what it accepts.").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }

        var configuration = new InvocationConfiguration
        {
            Output = environment.Out,
            Error = environment.Error,
            EnableDefaultExceptionHandler = false,
        };

        try
        {
            return await parseResult.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (LatentOpsException ex)
        {
            await environment.Error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            if (verbose)
            {
                await environment.Error.WriteLineAsync(ex.ToString()).ConfigureAwait(false);
            }

            return ExitCodes.UserError;
        }
        catch (OperationCanceledException)
        {
            await environment.Error.WriteLineAsync("Cancelled.").ConfigureAwait(false);
            return ExitCodes.Cancelled;
        }
#pragma warning disable CA1031 // The last line of defence: a bug must still end with one clear line, not a crash dump.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await environment.Error.WriteLineAsync(
                $"error: an unexpected internal error occurred ({ex.GetType().Name}: {ex.Message}). " +
                (verbose ? string.Empty : "Run again with --verbose for details, and please report it.")).ConfigureAwait(false);
            if (verbose)
            {
                await environment.Error.WriteLineAsync(ex.ToString()).ConfigureAwait(false);
            }

            return ExitCodes.UserError;
        }
    }

    private static IEnumerable<string> CommandPath(ParseResult parseResult)
    {
        var names = new Stack<string>();
        for (var result = parseResult.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Push(result.Command is RootCommand ? "latentops" : result.Command.Name);
        }

        return names;
    }
}
