using LatentOps.Core.Errors;

namespace LatentOps.Core.Tables;

/// <summary>
/// An immutable in-memory table: named, typed columns of equal length. What readers produce, what
/// datasets store as Parquet, and what learning, evaluation and monitoring consume.
/// </summary>
public sealed class Table
{
    private readonly Column[] _columns;
    private readonly Dictionary<string, int> _byName;

    /// <summary>Creates a table; column names must be unique and lengths equal.</summary>
    public Table(IEnumerable<Column> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        _columns = [.. columns];
        _byName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < _columns.Length; i++)
        {
            if (!_byName.TryAdd(_columns[i].Name, i))
            {
                throw new ArgumentException($"Duplicate column name '{_columns[i].Name}'.", nameof(columns));
            }

            if (_columns[i].Length != _columns[0].Length)
            {
                throw new ArgumentException($"Column '{_columns[i].Name}' has {_columns[i].Length} rows; '{_columns[0].Name}' has {_columns[0].Length}.", nameof(columns));
            }
        }

        RowCount = _columns.Length == 0 ? 0 : _columns[0].Length;
    }

    /// <summary>The columns in order.</summary>
    public IReadOnlyList<Column> Columns => _columns;

    /// <summary>The number of rows.</summary>
    public int RowCount { get; }

    /// <summary>The schema (names and types in order).</summary>
    public IReadOnlyList<ColumnSchema> Schema => [.. _columns.Select(c => c.Schema)];

    /// <summary>The column called <paramref name="name"/>; <see cref="ErrorCode.InvalidInput"/> naming the columns there are when absent.</summary>
    public Column this[string name] => TryGetColumn(name, out var column)
        ? column
        : throw LatentOpsException.InvalidInput($"There is no column '{name}'. Columns: {string.Join(", ", _columns.Select(c => c.Name))}.");

    /// <summary>Looks a column up by name.</summary>
    public bool TryGetColumn(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Column? column)
    {
        if (_byName.TryGetValue(name, out var index))
        {
            column = _columns[index];
            return true;
        }

        column = null;
        return false;
    }

    /// <summary>True when the table has a column with this name.</summary>
    public bool Contains(string name) => _byName.ContainsKey(name);

    /// <summary>A table with the rows at <paramref name="rows"/>, in that order.</summary>
    public Table Take(ReadOnlySpan<int> rows)
    {
        var taken = new Column[_columns.Length];
        for (var i = 0; i < _columns.Length; i++)
        {
            taken[i] = _columns[i].Take(rows);
        }

        return new Table(taken);
    }

    /// <summary>A table with only the named columns, in the order given.</summary>
    public Table Select(IEnumerable<string> names) => new(names.Select(n => this[n]));

    /// <summary>
    /// The rows of <paramref name="parts"/> one after another. All parts must have the same schema
    /// (names, types and order), e.g. request batches bound to one model signature.
    /// </summary>
    public static Table Concat(IReadOnlyList<Table> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Count == 0)
        {
            throw new ArgumentException("Nothing to concatenate.", nameof(parts));
        }

        if (parts.Count == 1)
        {
            return parts[0];
        }

        var first = parts[0];
        foreach (var part in parts)
        {
            if (!part.Schema.SequenceEqual(first.Schema))
            {
                throw new ArgumentException("Tables with different schemas cannot be concatenated.", nameof(parts));
            }
        }

        var rows = parts.Sum(p => p.RowCount);
        var columns = new Column[first._columns.Length];
        for (var c = 0; c < columns.Length; c++)
        {
            var template = first._columns[c];
            columns[c] = template switch
            {
                NumericColumn => new NumericColumn(template.Name, Join(parts, c, rows, static (Column col) => ((NumericColumn)col).Values), template.Type),
                StringColumn => new StringColumn(template.Name, Join(parts, c, rows, static (Column col) => ((StringColumn)col).Values), template.Type),
                DateTimeColumn => new DateTimeColumn(template.Name, Join(parts, c, rows, static (Column col) => ((DateTimeColumn)col).Values)),
                _ => throw new NotSupportedException($"Cannot concatenate a {template.GetType().Name}."),
            };
        }

        return new Table(columns);
    }

    /// <summary>A table without the named columns.</summary>
    public Table Drop(IEnumerable<string> names)
    {
        var drop = names.ToHashSet(StringComparer.Ordinal);
        return new Table(_columns.Where(c => !drop.Contains(c.Name)));
    }

    private delegate ReadOnlySpan<T> ValuesOf<T>(Column column);

    private static T[] Join<T>(IReadOnlyList<Table> parts, int column, int rows, ValuesOf<T> values)
    {
        var joined = new T[rows];
        var offset = 0;
        foreach (var part in parts)
        {
            var span = values(part._columns[column]);
            span.CopyTo(joined.AsSpan(offset));
            offset += span.Length;
        }

        return joined;
    }
}
