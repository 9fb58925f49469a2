using System.CommandLine;
using LatentOps.Cli.Infrastructure;
using LatentOps.Core.References;
using LatentOps.Governance.Datasheets;

namespace LatentOps.Cli.Commands.Governance;

/// <summary><c>latentops datasheet N[:V] [--format md|html] [--out FILE]</c>: the datasheet of a dataset version.</summary>
internal static class DatasheetCommand
{
    public static Command Create(CommandFactory factory)
    {
        var dataset = new Argument<string>("DATASET") { Description = "The dataset: NAME (latest version) or NAME:VERSION." };
        var format = GovernanceOutput.FormatOption();
        var output = GovernanceOutput.OutOption("datasheet");
        var command = new Command("datasheet", "Write the datasheet of a dataset version (Gebru et al.: motivation, composition, collection, preprocessing, uses, distribution, maintenance), filled from provenance, profile and checks, with the answers people write kept in governance/datasheets/NAME.md across regeneration.")
        {
            dataset, format, output,
        };
        factory.SetAction(command, async context =>
        {
            var datasetRef = DatasetRef.Parse(context.Value(dataset)!);
            var sheet = await context.WithProgressAsync("datasheet", async progress =>
            {
                progress.Report(new Core.Progress.ProgressUpdate("profile and check", 0, 1, datasetRef.ToString()));
                var built = await DatasheetBuilder.BuildAsync(context.Workspace, datasetRef, cancellationToken: context.CancellationToken).ConfigureAwait(false);
                progress.Report(new Core.Progress.ProgressUpdate("profile and check", 1, 1));
                return built;
            }).ConfigureAwait(false);
            var kind = context.Value(format)!;
            var path = GovernanceOutput.PathFor(context, context.Value(output), sheet.Version.Name, sheet.Version.Version, "datasheet", kind);
            await GovernanceOutput.WriteAsync(path, kind == "html" ? DatasheetRenderer.ToHtml(sheet) : DatasheetRenderer.ToMarkdown(sheet), context.CancellationToken).ConfigureAwait(false);

            var result = new DatasheetResult(sheet.Reference, kind, path, sheet.Written.Path, sheet);
            context.WriteResult(result, writer =>
            {
                writer.WriteLine($"{sheet.Reference}: {sheet.Profile.RowCount:N0} rows x {sheet.Profile.ColumnCount} columns, {sheet.Versions.Count} versions; checks: {sheet.Checks.Errors} errors, {sheet.Checks.Warnings} warnings, {sheet.Checks.PersonalData} personal-data findings");
                var unanswered = sheet.Sections.Where(s => !s.Written.IsWritten).Select(s => s.Title).ToList();
                writer.WriteLine(unanswered.Count == 0 ? "every section is answered" : $"not answered yet: {string.Join(", ", unanswered)}");
                writer.WriteLine($"written answers: {sheet.Written.Path} (edit them there; regenerating keeps them)");
                writer.WriteLine($"datasheet: {path}");
            });
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The result of <c>latentops datasheet</c>: the file written and the datasheet.</summary>
    internal sealed record DatasheetResult(string Dataset, string Format, string Path, string WrittenSections, Datasheet Datasheet);
}
