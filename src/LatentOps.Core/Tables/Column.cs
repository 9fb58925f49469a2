namespace LatentOps.Core.Tables;

/// <summary>
/// One column of a <see cref="Table"/>: a name, a type and one value per row, stored in a typed
/// array. Columns are immutable once built.
/// </summary>
public abstract class Column
{
    /// <summary>Creates the column.</summary>
    protected Column(string name, ColumnType type)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Schema = new ColumnSchema(name, type);
    }

    /// <summary>Name and type.</summary>
    public ColumnSchema Schema { get; }

    /// <summary>The column name.</summary>
    public string Name => Schema.Name;

    /// <summary>The column type.</summary>
    public ColumnType Type => Schema.Type;

    /// <summary>The number of rows.</summary>
    public abstract int Length { get; }

    /// <summary>True when row <paramref name="row"/> has no value.</summary>
    public abstract bool IsMissing(int row);

    /// <summary>The number of missing values.</summary>
    public int MissingCount
    {
        get
        {
            var count = 0;
            for (var i = 0; i < Length; i++)
            {
                if (IsMissing(i))
                {
                    count++;
                }
            }

            return count;
        }
    }

    /// <summary>The value of a row as an object (null when missing), for display and generic code.</summary>
    public abstract object? GetValue(int row);

    /// <summary>A new column with the rows at <paramref name="rows"/>, in that order.</summary>
    public abstract Column Take(ReadOnlySpan<int> rows);

    /// <summary>The same values under another name.</summary>
    public abstract Column Rename(string name);
}
