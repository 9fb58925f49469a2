using LatentOps.Core.Errors;
using LatentOps.Core.Tables;

namespace LatentOps.Data.Reading;

/// <summary>The column builders of a text-based reader, with the checks every reader shares (roles exist, types fit).</summary>
internal sealed class TableAssembler(ReadContext context, TableReadOptions options)
{
    private readonly Dictionary<string, ColumnBuilder> _byName = new(StringComparer.Ordinal);

    public List<ColumnBuilder> Builders { get; } = [];

    public MissingValueSet Missing { get; } = new(options.MissingValues);

    public int MaxFieldLength => options.MaxFieldLength;

    public ColumnBuilder AddColumn(string name, int prefillMissing = 0)
    {
        var role = name == options.LabelColumn ? ColumnRole.Label
            : name == options.IdColumn ? ColumnRole.Identifier
            : name == options.TimeColumn ? ColumnRole.Time
            : ColumnRole.Feature;
        ColumnType? forced = options.Schema is not null && options.Schema.TryGetValue(name, out var declared) ? declared
            : role == ColumnRole.Identifier ? ColumnType.Identifier
            : null;
        var builder = new ColumnBuilder(name, context, forced, role, prefillMissing);
        _byName.Add(name, builder);
        Builders.Add(builder);
        return builder;
    }

    /// <summary>Checks that every column the options name exists; the message lists the columns there are.</summary>
    public void CheckNamedColumnsExist(IReadOnlyCollection<string> columns) => CheckNamedColumnsExist(context, options, columns);

    public static void CheckNamedColumnsExist(ReadContext context, TableReadOptions options, IReadOnlyCollection<string> columns)
    {
        var set = columns.ToHashSet(StringComparer.Ordinal);
        void Require(string? name, string what)
        {
            if (name is not null && !set.Contains(name))
            {
                throw LatentOpsException.InvalidInput(
                    $"'{context.Path}': row 0 (header): there is no {what} column '{name}'. Columns: {string.Join(", ", columns.Select(c => $"'{c}'"))}.");
            }
        }

        Require(options.LabelColumn, "label");
        Require(options.TimeColumn, "time");
        Require(options.IdColumn, "id");
        foreach (var name in options.Schema?.Keys ?? [])
        {
            Require(name, "schema");
        }
    }

    public Table Build(int rowCount)
    {
        var columns = new List<Column>(Builders.Count);
        foreach (var builder in Builders)
        {
            columns.Add(builder.Build(rowCount));
        }

        var table = new Table(columns);
        CheckTimeColumn(context, options, table);
        return table;
    }

    public static void CheckTimeColumn(ReadContext context, TableReadOptions options, Table table)
    {
        if (options.TimeColumn is null || !table.TryGetColumn(options.TimeColumn, out var time))
        {
            return;
        }

        if (time is DateTimeColumn or NumericColumn)
        {
            return;
        }

        var strings = (StringColumn)time;
        for (var i = 0; i < strings.Length; i++)
        {
            if (strings[i] is { } value && !ValueParsing.TryParseDate(value, out _))
            {
                throw LatentOpsException.InvalidInput(
                    $"'{context.Path}': row {i + 1}, column '{time.Name}': '{ColumnBuilder.Shorten(value)}' is not a date or a number, and --time names this column. " +
                    "Accepted: ISO 8601 (2024-03-31, 2024-03-31T14:05:00Z), month/day/year, or numbers (e.g. a year or epoch seconds).");
            }
        }
    }
}
