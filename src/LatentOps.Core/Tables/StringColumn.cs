using System.Numerics;

namespace LatentOps.Core.Tables;

/// <summary>
/// Strings (categorical, text or identifier); null marks a missing value. Stored either as one string
/// reference per row or, for repeated values, as dictionary codes (<see cref="FromCodes{T}"/>): 1 to 4
/// bytes per row plus each distinct value once. Read with the indexer; <see cref="Values"/> gives a
/// span of references, which for coded storage means a reference array made on first use and kept.
/// </summary>
public sealed class StringColumn : Column
{
    private readonly string?[]? _values;
    private readonly CodedStrings? _coded;
    private string?[]? _expanded;

    /// <summary>Creates the column; the array is owned by the column from now on.</summary>
    public StringColumn(string name, string?[] values, ColumnType type = ColumnType.Categorical)
        : base(name, CheckType(type))
    {
        ArgumentNullException.ThrowIfNull(values);
        _values = values;
    }

    private StringColumn(string name, CodedStrings coded, ColumnType type)
        : base(name, CheckType(type))
    {
        _coded = coded;
    }

    /// <summary>
    /// A column stored as dictionary codes: row <c>i</c> is missing when <c>codes[i]</c> is 0, else
    /// <c>dictionary[codes[i] - 1]</c>. The arrays are owned by the column from now on.
    /// </summary>
    /// <param name="name">The column name.</param>
    /// <param name="codes">One code per row (0 = missing).</param>
    /// <param name="dictionary">The distinct values; code <c>k</c> stands for <c>dictionary[k - 1]</c>.</param>
    /// <param name="type">Categorical, text or identifier.</param>
    /// <param name="length">The number of rows, at most <c>codes.Length</c>; the whole array when null.</param>
    public static StringColumn FromCodes<T>(string name, T[] codes, IReadOnlyList<string> dictionary, ColumnType type = ColumnType.Categorical, int? length = null)
        where T : unmanaged, IBinaryInteger<T>
    {
        ArgumentNullException.ThrowIfNull(codes);
        ArgumentNullException.ThrowIfNull(dictionary);
        var rows = length ?? codes.Length;
        ArgumentOutOfRangeException.ThrowIfNegative(rows, nameof(length));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rows, codes.Length, nameof(length));
        var lookup = new string?[dictionary.Count + 1];
        for (var k = 0; k < dictionary.Count; k++)
        {
            lookup[k + 1] = dictionary[k] ?? throw new ArgumentException($"Dictionary entry {k} is null; missing values are code 0.", nameof(dictionary));
        }

        for (var i = 0; i < rows; i++)
        {
            if (uint.CreateTruncating(codes[i]) >= (uint)lookup.Length)
            {
                throw new ArgumentException($"Row {i} has code {codes[i]}; the dictionary has {dictionary.Count} values (codes 1 to {dictionary.Count}, 0 = missing).", nameof(codes));
            }
        }

        return new StringColumn(name, new CodedStrings<T>(codes, rows, lookup), type);
    }

    /// <summary>The values; null is missing. For coded storage this makes (once) and keeps a reference array: prefer the indexer over big columns.</summary>
    public ReadOnlySpan<string?> Values => _values ?? Expanded();

    /// <summary>Bytes stored per row for the row-to-value mapping: 8 for references (64-bit), 1 to 4 for codes.</summary>
    public int BytesPerValue => _coded?.BytesPerCode ?? IntPtr.Size;

    /// <inheritdoc />
    public override int Length => _values?.Length ?? _coded!.Length;

    /// <summary>The value of a row (null when missing).</summary>
    public string? this[int row] => _values is not null ? _values[row] : _coded![CheckRow(row)];

    /// <inheritdoc />
    public override bool IsMissing(int row) => this[row] is null;

    /// <inheritdoc />
    public override object? GetValue(int row) => this[row];

    /// <inheritdoc />
    public override Column Take(ReadOnlySpan<int> rows)
    {
        if (_coded is not null)
        {
            foreach (var row in rows)
            {
                CheckRow(row);
            }

            return new StringColumn(Name, _coded.Take(rows), Type);
        }

        var taken = new string?[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            taken[i] = _values![rows[i]];
        }

        return new StringColumn(Name, taken, Type);
    }

    /// <inheritdoc />
    public override Column Rename(string name) => _values is not null ? new StringColumn(name, _values, Type) : new StringColumn(name, _coded!, Type);

    private static ColumnType CheckType(ColumnType type) => type is ColumnType.Categorical or ColumnType.Text or ColumnType.Identifier
        ? type
        : throw new ArgumentException($"A string column cannot have type {type}.", nameof(type));

    private int CheckRow(int row) => (uint)row < (uint)_coded!.Length ? row : throw new ArgumentOutOfRangeException(nameof(row), row, $"Row {row} is outside the column's {_coded.Length} rows.");

    private string?[] Expanded()
    {
        var expanded = Volatile.Read(ref _expanded);
        if (expanded is null)
        {
            expanded = new string?[_coded!.Length];
            for (var i = 0; i < expanded.Length; i++)
            {
                expanded[i] = _coded[i];
            }

            expanded = Interlocked.CompareExchange(ref _expanded, expanded, null) ?? expanded;
        }

        return expanded;
    }
}
