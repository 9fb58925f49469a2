using System.CommandLine;
using System.Diagnostics;
using LatentOps.Cli.Infrastructure;

namespace LatentOps.Cli.Commands.Quickstart;

/// <summary>
/// <c>latentops quickstart</c>: the whole product on the shipped sample, end to end, with no
/// arguments. Each stage of the pipeline adds its step to <see cref="QuickstartSteps"/>.
/// </summary>
internal static class QuickstartCommand
{
    public static Command Create(CommandFactory factory)
    {
        var command = new Command("quickstart", "Run the end-to-end demo on the shipped sample data (lending_club) in the workspace.");
        factory.SetAction(command, async context =>
        {
            var state = new QuickstartState(context.Workspace, SampleData.Path(SampleData.LendingClub));
            var results = new List<QuickstartStepResult>();
            foreach (var step in QuickstartSteps.All)
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                var watch = Stopwatch.StartNew();
                var summary = await step.RunAsync(context, state).ConfigureAwait(false);
                results.Add(new QuickstartStepResult(step.Name, summary, watch.Elapsed.TotalSeconds));
                if (!context.Json)
                {
                    context.Note($"[quickstart] {step.Name}: {summary}");
                }
            }

            var result = new QuickstartResult(state.Workspace.Root, results, state.EvaluationReport);
            context.WriteResult(result, output =>
            {
                output.WriteLine();
                output.WriteLine($"Quickstart finished in {results.Sum(r => r.Seconds):0.0} s. Workspace: {result.Workspace}");
                foreach (var step in results)
                {
                    output.WriteLine($"  {step.Name,-10} {step.Summary}");
                }

                output.WriteLine();
                output.WriteLine("Next:");
                output.WriteLine("  latentops models list                       # lending_club@champion is the model just trained");
                if (state.EvaluationReport is { } report)
                {
                    output.WriteLine($"  open {report}");
                    output.WriteLine("                                              # its evaluation: metrics with intervals, calibration, slices, probes, robustness");
                }

                output.WriteLine("  latentops card lending_club@champion        # its model card, with what is still missing (NIST AI RMF)");
                output.WriteLine("  latentops keys create --scope predict       # prints an API key once");
                output.WriteLine("  latentops serve                             # the dashboard at http://127.0.0.1:8080/ and the REST API (README)");
                output.WriteLine("  latentops --help                            # every command; docs/ has the guide");
            });
            return ExitCodes.Success;
        });
        return command;
    }
}

/// <summary>The result of <c>quickstart</c>: one line per stage.</summary>
internal sealed record QuickstartResult(string Workspace, IReadOnlyList<QuickstartStepResult> Steps, string? EvaluationReport);

/// <summary>What one quickstart stage did.</summary>
internal sealed record QuickstartStepResult(string Name, string Summary, double Seconds);
