namespace LatentOps.Core.Tables;

/// <summary>Strings (categorical, text or identifier); null marks a missing value.</summary>
public sealed class StringColumn : Column
{
    private readonly string?[] _values;

    /// <summary>Creates the column; the array is owned by the column from now on.</summary>
    public StringColumn(string name, string?[] values, ColumnType type = ColumnType.Categorical)
        : base(name, type)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (type is not (ColumnType.Categorical or ColumnType.Text or ColumnType.Identifier))
        {
            throw new ArgumentException($"A string column cannot have type {type}.", nameof(type));
        }

        _values = values;
    }

    /// <summary>The values; null is missing.</summary>
    public ReadOnlySpan<string?> Values => _values;

    /// <inheritdoc />
    public override int Length => _values.Length;

    /// <summary>The value of a row (null when missing).</summary>
    public string? this[int row] => _values[row];

    /// <inheritdoc />
    public override bool IsMissing(int row) => _values[row] is null;

    /// <inheritdoc />
    public override object? GetValue(int row) => _values[row];

    /// <inheritdoc />
    public override Column Take(ReadOnlySpan<int> rows)
    {
        var taken = new string?[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            taken[i] = _values[rows[i]];
        }

        return new StringColumn(Name, taken, Type);
    }

    /// <inheritdoc />
    public override Column Rename(string name) => new StringColumn(name, _values, Type);
}
