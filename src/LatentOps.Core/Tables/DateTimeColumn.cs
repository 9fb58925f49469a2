namespace LatentOps.Core.Tables;

/// <summary>Points in time (UTC); null marks a missing value.</summary>
public sealed class DateTimeColumn : Column
{
    private readonly DateTime?[] _values;

    /// <summary>Creates the column; the array is owned by the column from now on.</summary>
    public DateTimeColumn(string name, DateTime?[] values)
        : base(name, ColumnType.DateTime)
    {
        ArgumentNullException.ThrowIfNull(values);
        _values = values;
    }

    /// <summary>The values; null is missing.</summary>
    public ReadOnlySpan<DateTime?> Values => _values;

    /// <inheritdoc />
    public override int Length => _values.Length;

    /// <summary>The value of a row (null when missing).</summary>
    public DateTime? this[int row] => _values[row];

    /// <inheritdoc />
    public override bool IsMissing(int row) => _values[row] is null;

    /// <inheritdoc />
    public override object? GetValue(int row) => _values[row];

    /// <inheritdoc />
    public override Column Take(ReadOnlySpan<int> rows)
    {
        var taken = new DateTime?[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            taken[i] = _values[rows[i]];
        }

        return new DateTimeColumn(Name, taken);
    }

    /// <inheritdoc />
    public override Column Rename(string name) => new DateTimeColumn(name, _values);
}
