using System.Text.Json;
using LatentOps.Core.Errors;
using LatentOps.Core.Tables;
using LatentOps.Data.Reading;
using Parquet;
using Parquet.Schema;

namespace LatentOps.Data.Parquet;

/// <summary>
/// Reads and writes a <see cref="Table"/> as Apache Parquet with Parquet.Net. Missing values are Parquet
/// nulls; integers are INT64, booleans BOOLEAN, dates UTC timestamps (microseconds), strings UTF-8. The
/// LatentOps column types (categorical, text, identifier...) travel in the file's key-value metadata
/// (<see cref="SchemaMetadataKey"/>), so a stored dataset reads back with exactly its schema.
/// </summary>
public static class TableParquet
{
    /// <summary>The key-value metadata entry holding the LatentOps schema (JSON).</summary>
    public const string SchemaMetadataKey = "latentops.schema";

    /// <summary>Rows per Parquet row group when writing.</summary>
    public const int RowGroupSize = 1 << 18;

    /// <summary>Writes <paramref name="table"/> to <paramref name="destination"/> (left open).</summary>
    public static async Task WriteAsync(Table table, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(destination);
        var fields = table.Columns.Select(FieldFor).ToArray();
        var schema = new ParquetSchema(fields);
        var options = new ParquetOptions { CompressionMethod = CompressionMethod.Snappy };
        await using var writer = await ParquetWriter.CreateAsync(schema, destination, options, append: false, cancellationToken).ConfigureAwait(false);
        writer.CustomMetadata = new Dictionary<string, string>
        {
            [SchemaMetadataKey] = JsonSerializer.Serialize(table.Schema.Select(s => new SchemaEntry(s.Name, s.Type.ToString())).ToArray()),
        };
        var rows = table.RowCount;
        for (var start = 0; start == 0 || start < rows; start += RowGroupSize)
        {
            var count = Math.Min(RowGroupSize, rows - start);
            using var group = writer.CreateRowGroup();
            for (var c = 0; c < fields.Length; c++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await WriteColumnAsync(group, fields[c], table.Columns[c], start, count, cancellationToken).ConfigureAwait(false);
            }

            if (rows == 0)
            {
                break;
            }
        }
    }

    /// <summary>Writes <paramref name="table"/> to a file (replacing it).</summary>
    public static async Task WriteAsync(Table table, string path, CancellationToken cancellationToken = default)
    {
        await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        await WriteAsync(table, file, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads a Parquet file. Files written by LatentOps keep their column types; others are inferred from the Parquet types.</summary>
    public static async Task<Table> ReadAsync(string path, TableReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new TableReadOptions();
        var context = new ReadContext(path);
        try
        {
            await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
            return await ReadAsync(file, context, options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw LatentOpsException.InvalidInput($"The file '{path}' does not exist.", ex);
        }
    }

    internal static async Task<Table> ReadAsync(Stream stream, ReadContext context, TableReadOptions options, CancellationToken cancellationToken)
    {
        ParquetReader reader;
        try
        {
            reader = await ParquetReader.CreateAsync(stream, null, leaveStreamOpen: true, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or LatentOpsException or OutOfMemoryException))
        {
            // Parquet.Net reports a damaged or foreign file with several exception types; all mean the same to the user.
            throw LatentOpsException.InvalidInput($"'{context.Path}': row 0 (file header): not a readable Parquet file ({ex.Message}).", ex);
        }

        await using (reader.ConfigureAwait(false))
        {
            var declared = ReadDeclaredTypes(reader);
            var fields = reader.Schema.GetDataFields();
            var names = fields.Select(f => f.Name).ToList();
            var duplicate = names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
            {
                throw LatentOpsException.InvalidInput($"'{context.Path}': row 0 (schema): the column name '{duplicate.Key}' appears more than once. Column names must be unique.");
            }

            TableAssembler.CheckNamedColumnsExist(context, options, names);
            var total = checked((int)reader.RowGroups.Sum(g => g.RowCount));
            var columns = new List<Column>(fields.Length);
            foreach (var field in fields)
            {
                if (field.IsArray || field.Path.Length > 1)
                {
                    throw LatentOpsException.InvalidInput($"'{context.Path}': column '{field.Name}' is a nested or repeated Parquet field; only flat columns are supported. Flatten it first (e.g. with DuckDB).");
                }

                cancellationToken.ThrowIfCancellationRequested();
                var type = options.Schema is not null && options.Schema.TryGetValue(field.Name, out var t) ? t
                    : field.Name == options.IdColumn ? ColumnType.Identifier
                    : declared?.GetValueOrDefault(field.Name);
                columns.Add(await ReadColumnAsync(reader, field, total, type, context, field.Name == options.LabelColumn, cancellationToken).ConfigureAwait(false));
            }

            if (total == 0)
            {
                throw LatentOpsException.InvalidInput($"'{context.Path}': row 1: the file has a schema ({fields.Length} columns) but no data rows.");
            }

            var table = new Table(columns);
            TableAssembler.CheckTimeColumn(context, options, table);
            return table;
        }
    }

    private static Dictionary<string, ColumnType>? ReadDeclaredTypes(ParquetReader reader)
    {
        if (!reader.CustomMetadata.TryGetValue(SchemaMetadataKey, out var json))
        {
            return null;
        }

        var entries = JsonSerializer.Deserialize<SchemaEntry[]>(json) ?? [];
        return entries.ToDictionary(e => e.Name, e => Enum.Parse<ColumnType>(e.Type), StringComparer.Ordinal);
    }

    private static DataField FieldFor(Column column) => column switch
    {
        NumericColumn { Type: ColumnType.Boolean } => new DataField<bool?>(column.Name),
        NumericColumn { Type: ColumnType.Integer } n when AllIntegral(n) => new DataField<long?>(column.Name),
        NumericColumn => new DataField<double?>(column.Name),
        DateTimeColumn => new DateTimeDataField(column.Name, DateTimeFormat.DateAndTimeMicros, isAdjustedToUTC: true, unit: null, isNullable: true),
        StringColumn => new DataField<string>(column.Name, true),
        _ => throw new ArgumentException($"Column '{column.Name}' has an unsupported column class {column.GetType().Name}."),
    };

    private static bool AllIntegral(NumericColumn column)
    {
        for (var row = 0; row < column.Length; row++)
        {
            var v = column[row];
            if (!double.IsNaN(v) && (v != Math.Floor(v) || Math.Abs(v) > 9.007199254740992e15))
            {
                return false;
            }
        }

        return true;
    }

    private static async Task WriteColumnAsync(ParquetRowGroupWriter group, DataField field, Column column, int start, int count, CancellationToken cancellationToken)
    {
        switch (column)
        {
            case NumericColumn n when field.ClrType == typeof(bool):
            {
                var values = new bool?[count];
                for (var i = 0; i < count; i++)
                {
                    var v = n[start + i];
                    values[i] = double.IsNaN(v) ? null : v != 0;
                }

                await group.WriteAsync<bool>(field, values, null, null, cancellationToken).ConfigureAwait(false);
                break;
            }

            case NumericColumn n when field.ClrType == typeof(long):
            {
                var values = new long?[count];
                for (var i = 0; i < count; i++)
                {
                    var v = n[start + i];
                    values[i] = double.IsNaN(v) ? null : (long)v;
                }

                await group.WriteAsync<long>(field, values, null, null, cancellationToken).ConfigureAwait(false);
                break;
            }

            case NumericColumn n:
            {
                var values = new double?[count];
                for (var i = 0; i < count; i++)
                {
                    var v = n[start + i];
                    values[i] = double.IsNaN(v) ? null : v;
                }

                await group.WriteAsync<double>(field, values, null, null, cancellationToken).ConfigureAwait(false);
                break;
            }

            case DateTimeColumn d:
            {
                var values = d.Values.Slice(start, count).ToArray();
                await group.WriteAsync<DateTime>(field, values, null, null, cancellationToken).ConfigureAwait(false);
                break;
            }

            case StringColumn s:
            {
                var values = new string?[count];
                for (var i = 0; i < count; i++)
                {
                    values[i] = s[start + i];
                }

                await group.WriteAsync(field, values, null).ConfigureAwait(false);
                break;
            }
        }
    }

    private static async Task<Column> ReadColumnAsync(ParquetReader reader, DataField field, int total, ColumnType? declared, ReadContext context, bool isLabel, CancellationToken cancellationToken)
    {
        var clr = Nullable.GetUnderlyingType(field.ClrType) ?? field.ClrType;
        if (clr == typeof(string) || clr == typeof(ReadOnlyMemory<char>))
        {
            if (declared is ColumnType.Categorical or ColumnType.Text or ColumnType.Identifier)
            {
                // Row group by group into dictionary codes: only one group's strings are alive at a time.
                var text = new TextBuffer(total);
                await ForEachGroupAsync(reader, async (group, offset, count) =>
                {
                    var buffer = new string?[count];
                    await group.ReadAsync(field, buffer.AsMemory(), null, cancellationToken).ConfigureAwait(false);
                    foreach (var value in buffer)
                    {
                        if (value is null)
                        {
                            text.AddMissing();
                        }
                        else
                        {
                            text.Add(value);
                        }
                    }
                }).ConfigureAwait(false);
                return text.Build(field.Name, declared.Value);
            }

            var strings = new string?[total];
            await ForEachGroupAsync(reader, async (group, offset, count) =>
                await group.ReadAsync(field, strings.AsMemory(offset, count), null, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
            return StringsToColumn(field.Name, strings, declared, isLabel, context);
        }

        if (clr == typeof(DateTime) || clr == typeof(DateTimeOffset) || clr == typeof(DateOnly))
        {
            var dates = new DateTime?[total];
            if (clr == typeof(DateTime))
            {
                await ReadStructAsync<DateTime>(reader, field, total, (i, v) => dates[i] = v is { } d ? ValueParsing.ToStoredPrecision(d.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(d, DateTimeKind.Utc) : d) : null, cancellationToken).ConfigureAwait(false);
            }
            else if (clr == typeof(DateTimeOffset))
            {
                await ReadStructAsync<DateTimeOffset>(reader, field, total, (i, v) => dates[i] = v is { } d ? ValueParsing.ToStoredPrecision(d.UtcDateTime) : null, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await ReadStructAsync<DateOnly>(reader, field, total, (i, v) => dates[i] = v is { } d ? d.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) : null, cancellationToken).ConfigureAwait(false);
            }

            return new DateTimeColumn(field.Name, dates);
        }

        // Straight into narrow storage when the values allow (the same doubles, 1 to 4 bytes a row).
        var values = new NumberBuffer(total);
        var type = ColumnType.Integer;
        if (clr == typeof(bool))
        {
            type = ColumnType.Boolean;
            await ReadStructAsync<bool>(reader, field, total, (i, v) => values.Add(v is { } b ? (b ? 1 : 0) : double.NaN), cancellationToken).ConfigureAwait(false);
        }
        else if (clr == typeof(double))
        {
            type = ColumnType.Numeric;
            await ReadStructAsync<double>(reader, field, total, (i, v) => values.Add(v ?? double.NaN), cancellationToken).ConfigureAwait(false);
        }
        else if (clr == typeof(float))
        {
            type = ColumnType.Numeric;
            await ReadStructAsync<float>(reader, field, total, (i, v) => values.Add(v ?? double.NaN), cancellationToken).ConfigureAwait(false);
        }
        else if (clr == typeof(decimal))
        {
            type = ColumnType.Numeric;
            await ReadStructAsync<decimal>(reader, field, total, (i, v) => values.Add(v is { } d ? (double)d : double.NaN), cancellationToken).ConfigureAwait(false);
        }
        else if (clr == typeof(long))
        {
            await ReadStructAsync<long>(reader, field, total, (i, v) => values.Add(v ?? double.NaN), cancellationToken).ConfigureAwait(false);
        }
        else if (clr == typeof(int))
        {
            await ReadStructAsync<int>(reader, field, total, (i, v) => values.Add(v ?? double.NaN), cancellationToken).ConfigureAwait(false);
        }
        else if (clr == typeof(short))
        {
            await ReadStructAsync<short>(reader, field, total, (i, v) => values.Add(v ?? double.NaN), cancellationToken).ConfigureAwait(false);
        }
        else if (clr == typeof(byte))
        {
            await ReadStructAsync<byte>(reader, field, total, (i, v) => values.Add(v ?? double.NaN), cancellationToken).ConfigureAwait(false);
        }
        else if (clr == typeof(sbyte))
        {
            await ReadStructAsync<sbyte>(reader, field, total, (i, v) => values.Add(v ?? double.NaN), cancellationToken).ConfigureAwait(false);
        }
        else if (clr == typeof(uint))
        {
            await ReadStructAsync<uint>(reader, field, total, (i, v) => values.Add(v ?? double.NaN), cancellationToken).ConfigureAwait(false);
        }
        else if (clr == typeof(ulong))
        {
            await ReadStructAsync<ulong>(reader, field, total, (i, v) => values.Add(v ?? double.NaN), cancellationToken).ConfigureAwait(false);
        }
        else if (clr == typeof(ushort))
        {
            await ReadStructAsync<ushort>(reader, field, total, (i, v) => values.Add(v ?? double.NaN), cancellationToken).ConfigureAwait(false);
        }
        else
        {
            throw LatentOpsException.InvalidInput($"'{context.Path}': column '{field.Name}' has the Parquet type {clr.Name}, which LatentOps does not read. Supported: numbers, booleans, strings, dates and timestamps.");
        }

        if (declared is ColumnType.Categorical or ColumnType.Text or ColumnType.Identifier)
        {
            var strings = new string?[values.Count];
            for (var i = 0; i < strings.Length; i++)
            {
                strings[i] = double.IsNaN(values[i]) ? null : values[i].ToString("R", System.Globalization.CultureInfo.InvariantCulture);
            }

            return new StringColumn(field.Name, strings, declared.Value);
        }

        if (declared is ColumnType.Numeric or ColumnType.Integer or ColumnType.Boolean)
        {
            type = declared.Value;
        }

        return values.Build(field.Name, type);
    }

    private static Column StringsToColumn(string name, string?[] strings, ColumnType? declared, bool isLabel, ReadContext context)
    {
        if (declared is ColumnType.Categorical or ColumnType.Text or ColumnType.Identifier)
        {
            return new StringColumn(name, strings, declared.Value);
        }

        // A string column without a declared type: infer like a CSV column (numbers, dates, booleans stored as text).
        var builder = new ColumnBuilder(name, context, declared, isLabel ? ColumnRole.Label : ColumnRole.Feature);
        var pending = new List<int>();
        for (var i = 0; i < strings.Length; i++)
        {
            context.Row = i + 1;
            if (strings[i] is null || strings[i]!.Trim().Length == 0)
            {
                builder.AddMissing();
            }
            else
            {
                builder.Add(strings[i]);
            }
        }

        for (var i = 0; i < builder.PendingRows; i++)
        {
            builder.Fill(i, strings[i], strings[i] is null || strings[i]!.Trim().Length == 0);
        }

        builder.ClearPending();
        return builder.Build(strings.Length);
    }

    private static async Task ForEachGroupAsync(ParquetReader reader, Func<ParquetRowGroupReader, int, int, Task> read)
    {
        var offset = 0;
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var count = checked((int)group.RowCount);
            await read(group, offset, count).ConfigureAwait(false);
            offset += count;
        }
    }

    private static Task ReadStructAsync<T>(ParquetReader reader, DataField field, int total, Action<int, T?> set, CancellationToken cancellationToken)
        where T : struct =>
        ForEachGroupAsync(reader, async (group, offset, count) =>
        {
            var buffer = new T?[count];
            await group.ReadAsync<T>(field, buffer.AsMemory(), null, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < count; i++)
            {
                set(offset + i, buffer[i]);
            }
        });

    private sealed record SchemaEntry(string Name, string Type);
}
