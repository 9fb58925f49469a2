using System.CommandLine;
using LatentOps.Cli.Infrastructure;
using LatentOps.Store.Datasets;

namespace LatentOps.Cli.Commands.Data;

/// <summary><c>latentops data list</c>: every dataset with its latest version.</summary>
internal static class ListCommand
{
    public static Command Create(CommandFactory factory)
    {
        var command = new Command("list", "List the datasets in the workspace with their latest version, rows and columns.");
        factory.SetAction(command, async context =>
        {
            var datasets = await DataCommandSupport.Catalog(context).ListAsync(context.CancellationToken).ConfigureAwait(false);
            context.WriteResult(new ListResult(datasets), output =>
            {
                if (datasets.Count == 0)
                {
                    output.WriteLine("No datasets yet. Add one with 'latentops data ingest PATH --name NAME'.");
                    return;
                }

                var width = Math.Max(4, datasets.Max(d => d.Name.Length));
                output.WriteLine($"{"name".PadRight(width)}  latest  versions  {"rows",12}  columns  updated (UTC)");
                foreach (var d in datasets)
                {
                    output.WriteLine($"{d.Name.PadRight(width)}  {d.LatestVersion,6}  {d.VersionCount,8}  {DataCommandSupport.N(d.RowCount),12}  {d.ColumnCount,7}  {d.UpdatedAt:yyyy-MM-dd HH:mm}");
                }
            });
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The result of <c>data list</c>.</summary>
    internal sealed record ListResult(IReadOnlyList<DatasetSummary> Datasets);
}
