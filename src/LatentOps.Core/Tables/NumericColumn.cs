namespace LatentOps.Core.Tables;

/// <summary>Numbers (numeric, integer or boolean as 1/0); <see cref="double.NaN"/> marks a missing value.</summary>
public sealed class NumericColumn : Column
{
    private readonly double[] _values;

    /// <summary>Creates the column; the array is owned by the column from now on.</summary>
    public NumericColumn(string name, double[] values, ColumnType type = ColumnType.Numeric)
        : base(name, type)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (type is not (ColumnType.Numeric or ColumnType.Integer or ColumnType.Boolean))
        {
            throw new ArgumentException($"A numeric column cannot have type {type}.", nameof(type));
        }

        _values = values;
    }

    /// <summary>The values; NaN is missing.</summary>
    public ReadOnlySpan<double> Values => _values;

    /// <inheritdoc />
    public override int Length => _values.Length;

    /// <summary>The value of a row (NaN when missing).</summary>
    public double this[int row] => _values[row];

    /// <inheritdoc />
    public override bool IsMissing(int row) => double.IsNaN(_values[row]);

    /// <inheritdoc />
    public override object? GetValue(int row) => IsMissing(row) ? null : Type == ColumnType.Boolean ? _values[row] != 0 : _values[row];

    /// <inheritdoc />
    public override Column Take(ReadOnlySpan<int> rows)
    {
        var taken = new double[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            taken[i] = _values[rows[i]];
        }

        return new NumericColumn(Name, taken, Type);
    }

    /// <inheritdoc />
    public override Column Rename(string name) => new NumericColumn(name, _values, Type);
}
