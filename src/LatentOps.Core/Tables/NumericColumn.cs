using System.Numerics;

namespace LatentOps.Core.Tables;

/// <summary>
/// Numbers (numeric, integer or boolean as 1/0); <see cref="double.NaN"/> marks a missing value.
/// Stored either as doubles or, when every value is a short decimal (as read from a text file), as
/// narrow scaled integers (<see cref="FromScaled{T}"/>): 1 to 4 bytes per row instead of 8, with the
/// very same double values. Read with the indexer or <see cref="CopyTo"/>; <see cref="Values"/> gives a
/// double span, which for narrow storage means a double copy made on first use and kept.
/// </summary>
public sealed class NumericColumn : Column
{
    private readonly double[]? _values;
    private readonly ScaledNumbers? _scaled;
    private double[]? _widened;

    /// <summary>Creates the column; the array is owned by the column from now on.</summary>
    public NumericColumn(string name, double[] values, ColumnType type = ColumnType.Numeric)
        : base(name, CheckType(type))
    {
        ArgumentNullException.ThrowIfNull(values);
        _values = values;
    }

    private NumericColumn(string name, ScaledNumbers scaled, ColumnType type)
        : base(name, CheckType(type))
    {
        _scaled = scaled;
    }

    /// <summary>
    /// A column stored as whole numbers: row <c>i</c> is <c>(double)scaled[i] / 10^decimals</c> (one IEEE
    /// division, correctly rounded), or missing when bit <c>i % 64</c> of <c>missing[i / 64]</c> is set.
    /// The arrays are owned by the column from now on. A reader uses it only after checking that the
    /// division gives back exactly the double it parsed, so narrow and double storage hold identical values.
    /// </summary>
    /// <param name="name">The column name.</param>
    /// <param name="scaled">The scaled values; entries of missing rows are ignored.</param>
    /// <param name="decimals">The power of ten to divide by, 0 to 18.</param>
    /// <param name="missing">The missing-row bitmap (at least <c>(length + 63) / 64</c> words), or null when no row is missing.</param>
    /// <param name="type">Numeric, integer or boolean.</param>
    /// <param name="length">The number of rows, at most <c>scaled.Length</c>; the whole array when null.</param>
    public static NumericColumn FromScaled<T>(string name, T[] scaled, int decimals, ulong[]? missing, ColumnType type = ColumnType.Numeric, int? length = null)
        where T : unmanaged, IBinaryInteger<T>
    {
        ArgumentNullException.ThrowIfNull(scaled);
        var rows = length ?? scaled.Length;
        ArgumentOutOfRangeException.ThrowIfNegative(rows, nameof(length));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rows, scaled.Length, nameof(length));
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(decimals, ScaledNumbers.Divisors.Length - 1, nameof(decimals));
        if (missing is not null && missing.Length < (rows + 63) / 64)
        {
            throw new ArgumentException($"The missing bitmap has {missing.Length} words; {rows} rows need {(rows + 63) / 64}.", nameof(missing));
        }

        return new NumericColumn(name, new ScaledNumbers<T>(scaled, rows, decimals, missing), type);
    }

    /// <summary>The values as doubles; NaN is missing. For narrow storage this makes (once) and keeps a double copy: prefer the indexer or <see cref="CopyTo"/> over big columns.</summary>
    public ReadOnlySpan<double> Values => _values ?? Widened();

    /// <summary>Bytes stored per row: 8 for doubles, 1 to 4 for narrow storage.</summary>
    public int BytesPerValue => _scaled?.BytesPerValue ?? sizeof(double);

    /// <inheritdoc />
    public override int Length => _values?.Length ?? _scaled!.Length;

    /// <summary>The value of a row (NaN when missing).</summary>
    public double this[int row] => _values is not null ? _values[row] : _scaled![CheckRow(row)];

    /// <summary>Copies the values of rows <c>[start, start + destination.Length)</c> into <paramref name="destination"/> (NaN when missing) without widening the storage.</summary>
    public void CopyTo(int start, Span<double> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start + destination.Length, Length, nameof(destination));
        if (_values is not null)
        {
            _values.AsSpan(start, destination.Length).CopyTo(destination);
        }
        else
        {
            _scaled!.CopyTo(start, destination);
        }
    }

    /// <inheritdoc />
    public override bool IsMissing(int row) => _values is not null ? double.IsNaN(_values[row]) : _scaled!.IsMissing(CheckRow(row));

    /// <inheritdoc />
    public override object? GetValue(int row)
    {
        var value = this[row];
        return double.IsNaN(value) ? null : Type == ColumnType.Boolean ? value != 0 : value;
    }

    /// <inheritdoc />
    public override Column Take(ReadOnlySpan<int> rows)
    {
        if (_scaled is not null)
        {
            foreach (var row in rows)
            {
                CheckRow(row);
            }

            return new NumericColumn(Name, _scaled.Take(rows), Type);
        }

        var taken = new double[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            taken[i] = _values![rows[i]];
        }

        return new NumericColumn(Name, taken, Type);
    }

    /// <inheritdoc />
    public override Column Rename(string name) => _values is not null ? new NumericColumn(name, _values, Type) : new NumericColumn(name, _scaled!, Type);

    private static ColumnType CheckType(ColumnType type) => type is ColumnType.Numeric or ColumnType.Integer or ColumnType.Boolean
        ? type
        : throw new ArgumentException($"A numeric column cannot have type {type}.", nameof(type));

    private int CheckRow(int row) => (uint)row < (uint)_scaled!.Length ? row : throw new ArgumentOutOfRangeException(nameof(row), row, $"Row {row} is outside the column's {_scaled.Length} rows.");

    private double[] Widened()
    {
        var widened = Volatile.Read(ref _widened);
        if (widened is null)
        {
            widened = new double[_scaled!.Length];
            _scaled.CopyTo(0, widened);
            widened = Interlocked.CompareExchange(ref _widened, widened, null) ?? widened;
        }

        return widened;
    }
}
