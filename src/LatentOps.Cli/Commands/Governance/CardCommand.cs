using System.CommandLine;
using LatentOps.Cli.Infrastructure;
using LatentOps.Core.References;
using LatentOps.Governance.Cards;
using LatentOps.Governance.Nist;

namespace LatentOps.Cli.Commands.Governance;

/// <summary><c>latentops card REF [--format md|html] [--out FILE]</c>: the model card of a registered version.</summary>
internal static class CardCommand
{
    public static Command Create(CommandFactory factory)
    {
        var reference = new Argument<string>("REF") { Description = "The model version: NAME:VERSION (e.g. churn:3) or NAME@ALIAS (e.g. churn@champion)." };
        var format = GovernanceOutput.FormatOption();
        var output = GovernanceOutput.OutOption("card");
        var command = new Command("card", "Write the model card of a registered version: details, lineage, training data and its checks, metrics with intervals, slices, calibration, robustness, monitoring, the sections people write (kept in governance/cards/NAME.md across regeneration) and a NIST AI RMF map of what is still missing.")
        {
            reference, format, output,
        };
        factory.SetAction(command, async context =>
        {
            var modelRef = ModelRef.Parse(context.Value(reference)!);
            var card = await context.WithProgressAsync("card", async progress =>
            {
                progress.Report(new Core.Progress.ProgressUpdate("assemble", 0, 1, modelRef.ToString()));
                var built = await ModelCardBuilder.BuildAsync(context.Workspace, modelRef, cancellationToken: context.CancellationToken).ConfigureAwait(false);
                progress.Report(new Core.Progress.ProgressUpdate("assemble", 1, 1));
                return built;
            }).ConfigureAwait(false);
            var kind = context.Value(format)!;
            var path = GovernanceOutput.PathFor(context, context.Value(output), card.Details.Name, card.Details.Version, "card", kind);
            await GovernanceOutput.WriteAsync(path, kind == "html" ? ModelCardRenderer.ToHtml(card) : ModelCardRenderer.ToMarkdown(card), context.CancellationToken).ConfigureAwait(false);

            var result = new CardResult(card.Reference, kind, path, card.Written.Path, card);
            context.WriteResult(result, writer =>
            {
                foreach (var line in ModelCardRenderer.Summary(card))
                {
                    writer.WriteLine(line.Replace("`", string.Empty, StringComparison.Ordinal));
                }

                if (card.Nist.Missing.Count > 0)
                {
                    writer.WriteLine("still missing (NIST AI RMF):");
                    foreach (var function in Enum.GetValues<NistFunction>())
                    {
                        foreach (var item in card.Nist.Missing.Where(i => i.Function == function))
                        {
                            writer.WriteLine($"  {function.ToString().ToLowerInvariant(),-8} {item.Title}: {item.ToFill}");
                        }
                    }
                }

                writer.WriteLine($"written sections: {card.Written.Path} (edit them there; regenerating keeps them)");
                writer.WriteLine($"card: {path}");
            });
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The result of <c>latentops card</c>: the file written and the card.</summary>
    internal sealed record CardResult(string Model, string Format, string Path, string WrittenSections, ModelCard Card);
}
