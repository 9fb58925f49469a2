using LatentOps.Core.Errors;
using LatentOps.Core.Progress;
using LatentOps.Core.Tables;
using LatentOps.Data.Parquet;

namespace LatentOps.Data.Reading;

/// <summary>
/// Reads a data file into a <see cref="Table"/>: CSV/TSV (any delimiter), Parquet, JSON Lines and IDX
/// images, each optionally gzip-compressed. Column types are inferred (numeric, integer, boolean,
/// categorical, datetime, text, identifier) unless <see cref="TableReadOptions.Schema"/> declares them;
/// missing values are recognised. Files stream: only the typed columns are held, never the file as strings.
/// Bad input raises <see cref="LatentOpsException"/> (<see cref="ErrorCode.InvalidInput"/>) naming the file, row and column.
/// </summary>
public static class TableReader
{
    /// <summary>Reads <paramref name="path"/> with <paramref name="options"/> (defaults when null).</summary>
    public static Task<Table> ReadAsync(string path, TableReadOptions? options = null, CancellationToken cancellationToken = default) =>
        ReadAsync(path, options, progress: null, cancellationToken);

    /// <summary>Reads <paramref name="path"/>, reporting progress (bytes of the file read).</summary>
    public static async Task<Table> ReadAsync(string path, TableReadOptions? options, IProgress<ProgressUpdate>? progress, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= new TableReadOptions();
        options.Validate();
        if (Directory.Exists(path))
        {
            throw LatentOpsException.InvalidInput($"'{path}' is a folder; give a data file (CSV, Parquet, JSONL or IDX, optionally .gz).");
        }

        if (!File.Exists(path))
        {
            throw LatentOpsException.InvalidInput($"The file '{path}' does not exist.");
        }

        var format = options.Format == TableFormat.Auto ? DetectFormat(path) : options.Format;
        return format switch
        {
            TableFormat.Parquet => await TableParquet.ReadAsync(path, options, cancellationToken).ConfigureAwait(false),
            TableFormat.JsonLines => await Task.Run(() => JsonLinesTableReader.Read(path, options, progress, cancellationToken), cancellationToken).ConfigureAwait(false),
            TableFormat.Idx => await Task.Run(() => IdxTableReader.Read(path, options, progress, cancellationToken), cancellationToken).ConfigureAwait(false),
            _ => await Task.Run(() => CsvTableReader.Read(path, options, progress, cancellationToken), cancellationToken).ConfigureAwait(false),
        };
    }

    /// <summary>The format implied by a file name (a trailing <c>.gz</c> is ignored); CSV when nothing matches.</summary>
    public static TableFormat DetectFormat(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var name = Path.GetFileName(path).ToLowerInvariant();
        if (name.EndsWith(".gz", StringComparison.Ordinal))
        {
            name = name[..^3];
        }

        if (name.EndsWith(".parquet", StringComparison.Ordinal) || name.EndsWith(".pq", StringComparison.Ordinal))
        {
            return TableFormat.Parquet;
        }

        if (name.EndsWith(".jsonl", StringComparison.Ordinal) || name.EndsWith(".ndjson", StringComparison.Ordinal) || name.EndsWith(".json", StringComparison.Ordinal))
        {
            return TableFormat.JsonLines;
        }

        if (name.Contains("-idx", StringComparison.Ordinal) || name.EndsWith(".idx", StringComparison.Ordinal) || name.EndsWith("ubyte", StringComparison.Ordinal))
        {
            return TableFormat.Idx;
        }

        return TableFormat.Csv;
    }
}
