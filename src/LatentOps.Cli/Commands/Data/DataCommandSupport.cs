using System.CommandLine;
using System.Globalization;
using LatentOps.Cli.Infrastructure;
using LatentOps.Core.References;
using LatentOps.Core.Tables;
using LatentOps.Store.Datasets;

namespace LatentOps.Cli.Commands.Data;

/// <summary>What the data commands share: the catalog, reference arguments, report paths and formatting.</summary>
internal static class DataCommandSupport
{
    public static DatasetCatalog Catalog(CommandContext context) => new(context.Workspace);

    public static Argument<string> DatasetArgument(string description = "The dataset: NAME (latest version) or NAME:VERSION.") => new("DATASET") { Description = description };

    public static Option<string?> OutOption(string what) => new("--out")
    {
        Description = $"Where to write the HTML {what} report. Default: reports/NAME-vVERSION-{what}.html in the workspace.",
        HelpName = "FILE",
    };

    public static string ReportPath(CommandContext context, string? explicitPath, DatasetVersion version, string kind) =>
        explicitPath is not null
            ? context.Environment.ResolvePath(explicitPath)
            : Path.Combine(context.Workspace.Root, "reports", string.Create(CultureInfo.InvariantCulture, $"{version.Name}-v{version.Version}-{kind}.html"));

    public static IReadOnlyList<SchemaColumn> Schema(IEnumerable<ColumnSchema> schema, DatasetRoles roles) =>
        [.. schema.Select(s => new SchemaColumn(s.Name, s.Type.ToString().ToLowerInvariant(),
            s.Name == roles.Label ? "label" : s.Name == roles.Time ? "time" : s.Name == roles.Id ? "id" : null))];

    public static void WriteSchema(TextWriter output, IReadOnlyList<SchemaColumn> schema)
    {
        var width = Math.Min(40, schema.Count == 0 ? 4 : schema.Max(c => c.Name.Length));
        foreach (var column in schema)
        {
            output.WriteLine($"  {column.Name.PadRight(width)}  {column.Type,-12}{(column.Role is null ? string.Empty : $" ({column.Role})")}");
        }
    }

    public static string N(double value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    public static DatasetRef Parse(string text) => DatasetRef.Parse(text);
}

/// <summary>A column as the data commands print it.</summary>
internal sealed record SchemaColumn(string Name, string Type, string? Role);
