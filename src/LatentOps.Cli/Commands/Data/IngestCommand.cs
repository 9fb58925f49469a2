using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using LatentOps.Cli.Infrastructure;
using LatentOps.Core.Errors;
using LatentOps.Core.Hashing;
using LatentOps.Core.References;
using LatentOps.Core.Tables;
using LatentOps.Data.Reading;
using LatentOps.Store.Datasets;

namespace LatentOps.Cli.Commands.Data;

/// <summary><c>latentops data ingest PATH --name N</c>: read a file and store it as the next version of a dataset.</summary>
internal static class IngestCommand
{
    public static Command Create(CommandFactory factory)
    {
        var path = new Argument<string>("PATH") { Description = "The file: CSV/TSV, Parquet, JSON Lines or IDX images, optionally gzip-compressed." };
        var name = new Option<string>("--name") { Description = "The dataset name (letters, digits, '_', '-', '.'). A new version is added when the content differs from every stored one.", Required = true, HelpName = "NAME" };
        var label = new Option<string?>("--label") { Description = "The label (target) column; it must exist.", HelpName = "COL" };
        var time = new Option<string?>("--time") { Description = "The time column (dates or numbers); used by time splits and drift.", HelpName = "COL" };
        var id = new Option<string?>("--id") { Description = "The identifier column; read as an identifier and left out of row comparisons.", HelpName = "COL" };
        var delimiter = new Option<string?>("--delimiter") { Description = "CSV delimiter: one character, or 'tab'. Default: sniffed from the first lines among , ; tab |.", HelpName = "CHAR" };
        var schema = new Option<string?>("--schema") { Description = "A JSON file mapping column names to types (numeric, integer, boolean, categorical, datetime, text, identifier) that override inference.", HelpName = "FILE" };
        var format = new Option<TableFormat>("--format") { Description = "The file format. Default: from the file name.", DefaultValueFactory = _ => TableFormat.Auto };
        var maxField = new Option<int>("--max-field-length") { Description = "The longest field accepted, in characters (longer ones are refused as malformed).", DefaultValueFactory = _ => new TableReadOptions().MaxFieldLength, HelpName = "CHARS" };
        var command = new Command("ingest", "Read a data file (types inferred, missing values recognised) and store it as an immutable dataset version with its provenance.")
        {
            path, name, label, time, id, delimiter, schema, format, maxField,
        };
        factory.SetAction(command, async context =>
        {
            var file = context.Environment.ResolvePath(context.Value(path)!);
            var datasetName = context.Value(name)!;
            Names.Validate(datasetName, "dataset");
            var options = new TableReadOptions
            {
                LabelColumn = context.Value(label),
                TimeColumn = context.Value(time),
                IdColumn = context.Value(id),
                Delimiter = ParseDelimiter(context.Value(delimiter)),
                Format = context.Value(format),
                MaxFieldLength = context.Value(maxField),
            };
            var schemaPath = context.Value(schema);
            if (schemaPath is not null)
            {
                options.Schema = await ReadSchemaFileAsync(context.Environment.ResolvePath(schemaPath), context.CancellationToken).ConfigureAwait(false);
            }

            var result = await context.WithProgressAsync("ingest", async progress =>
            {
                var given = new Dictionary<string, string>(StringComparer.Ordinal);
                AddIf(given, "label", options.LabelColumn);
                AddIf(given, "time", options.TimeColumn);
                AddIf(given, "id", options.IdColumn);
                AddIf(given, "delimiter", context.Value(delimiter));
                AddIf(given, "schema", schemaPath);
                AddIf(given, "format", options.Format == TableFormat.Auto ? null : options.Format.ToString());
                var (added, source, table) = await IngestFileAsync(context, file, datasetName, options, given, progress).ConfigureAwait(false);
                return new IngestResult(added.Version.Ref.ToString(), added.Version.Name, added.Version.Version, added.Created, added.Version.RowCount, table.Columns.Count,
                    DataCommandSupport.Schema(added.Version.Schema, added.Version.Roles), added.Version.ContentHash, source);
            }).ConfigureAwait(false);

            context.WriteResult(result, output =>
            {
                output.WriteLine(result.Created
                    ? $"Ingested {result.Source.FileName} as {result.Dataset}: {DataCommandSupport.N(result.Rows)} rows x {result.Columns} columns."
                    : $"Identical content is already stored as {result.Dataset}; no new version was made.");
                DataCommandSupport.WriteSchema(output, result.Schema);
                output.WriteLine($"content sha256: {result.ContentHash}");
            });
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// Reads a file and adds it as the next version of <paramref name="datasetName"/> with its source
    /// (name, size, SHA-256, format) and the options the user gave. Shared with the quickstart.
    /// </summary>
    internal static async Task<(DatasetAddResult Added, DatasetSource Source, Table Table)> IngestFileAsync(
        CommandContext context, string file, string datasetName, TableReadOptions options, IReadOnlyDictionary<string, string> given, IProgress<Core.Progress.ProgressUpdate>? progress)
    {
        var table = await TableReader.ReadAsync(file, options, progress, context.CancellationToken).ConfigureAwait(false);
        var info = new FileInfo(file);
        var source = new DatasetSource(info.Name, info.FullName, info.Length, await ContentHash.OfFileAsync(file, context.CancellationToken).ConfigureAwait(false),
            (options.Format == TableFormat.Auto ? TableReader.DetectFormat(file) : options.Format).ToString().ToLowerInvariant());
        progress?.Report(new Core.Progress.ProgressUpdate("store", 0, null, $"{table.RowCount:N0} rows"));
        var added = await DataCommandSupport.Catalog(context).AddVersionAsync(datasetName, table,
            new DatasetRoles(options.LabelColumn, options.TimeColumn, options.IdColumn), DatasetProvenance.Ingested(source, given), cancellationToken: context.CancellationToken).ConfigureAwait(false);
        return (added, source, table);
    }

    internal static async Task<IReadOnlyDictionary<string, ColumnType>> ReadSchemaFileAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw LatentOpsException.InvalidInput($"The schema file '{path}' does not exist.");
        }

        Dictionary<string, string>? raw;
        try
        {
            raw = JsonSerializer.Deserialize<Dictionary<string, string>>(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false));
        }
        catch (JsonException ex)
        {
            throw LatentOpsException.InvalidInput($"The schema file '{path}' is not a JSON object of column name to type (e.g. {{\"zip\": \"categorical\", \"amount\": \"numeric\"}}): {ex.Message}", ex);
        }

        var result = new Dictionary<string, ColumnType>(StringComparer.Ordinal);
        foreach (var (column, type) in raw ?? [])
        {
            if (!Enum.TryParse<ColumnType>(type, ignoreCase: true, out var parsed) || int.TryParse(type, CultureInfo.InvariantCulture, out _))
            {
                throw LatentOpsException.InvalidInput(
                    $"The schema file '{path}', column '{column}': '{type}' is not a type. Allowed: {string.Join(", ", Enum.GetNames<ColumnType>().Select(n => n.ToLowerInvariant()))}.");
            }

            result[column] = parsed;
        }

        return result;
    }

    private static char? ParseDelimiter(string? text) => text switch
    {
        null => null,
        "tab" or "\\t" or "\t" => '\t',
        { Length: 1 } => text[0],
        _ => throw LatentOpsException.InvalidInput($"--delimiter '{text}' must be one character (e.g. ',', ';', '|') or 'tab'."),
    };

    private static void AddIf(Dictionary<string, string> options, string key, string? value)
    {
        if (value is not null)
        {
            options[key] = value;
        }
    }

    /// <summary>The result of <c>data ingest</c>.</summary>
    internal sealed record IngestResult(string Dataset, string Name, int Version, bool Created, int Rows, int Columns, IReadOnlyList<SchemaColumn> Schema, string ContentHash, DatasetSource Source);
}
