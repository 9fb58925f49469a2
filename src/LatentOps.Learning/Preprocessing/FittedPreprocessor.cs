using LatentOps.Core.Errors;
using LatentOps.Core.Tables;

namespace LatentOps.Learning.Preprocessing;

/// <summary>
/// Fitted, immutable preprocessing: the per-column encodings learned on the training data. Serialised
/// into the model package so serving turns a raw row into encoder input exactly as training did.
/// </summary>
public sealed record FittedPreprocessor
{
    /// <summary>The encoded columns, in input order.</summary>
    public required IReadOnlyList<ColumnEncoding> Columns { get; init; }

    /// <summary>Scaled numbers are clipped to [-ClipValue, ClipValue].</summary>
    public double ClipValue { get; init; } = 5;

    /// <summary>The number of numeric features per row.</summary>
    public int NumericWidth => Columns.Sum(c => c.NumericWidth);

    /// <summary>The categorical columns, in order.</summary>
    public IReadOnlyList<ColumnEncoding> CategoricalColumns => [.. Columns.Where(c => c.Kind == ColumnEncodingKind.Categorical)];

    /// <summary>Turns rows into encoder input.</summary>
    /// <exception cref="LatentOpsException">A column is missing or has an incompatible type.</exception>
    public EncodedTable Transform(Table table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var rows = table.RowCount;
        var width = NumericWidth;
        var categorical = CategoricalColumns;
        var numeric = new float[(long)rows * width];
        var categories = new long[(long)rows * categorical.Count];
        var offset = 0;
        var catIndex = 0;
        foreach (var encoding in Columns)
        {
            if (!table.TryGetColumn(encoding.Column, out var column))
            {
                throw LatentOpsException.InvalidInput($"Column '{encoding.Column}' is required by the model's input signature but is not in the data. Columns there: {string.Join(", ", table.Columns.Select(c => c.Name))}.");
            }

            switch (encoding.Kind)
            {
                case ColumnEncodingKind.Numeric:
                    if (column is not NumericColumn n)
                    {
                        throw TypeMismatch(encoding, column);
                    }

                    for (var r = 0; r < rows; r++)
                    {
                        var v = n[r];
                        var missing = double.IsNaN(v);
                        var scaled = missing ? 0 : Math.Clamp((v - encoding.Center) / encoding.Scale, -ClipValue, ClipValue);
                        numeric[(long)r * width + offset] = (float)scaled;
                        if (encoding.MissingIndicator)
                        {
                            numeric[(long)r * width + offset + 1] = missing ? 1f : 0f;
                        }
                    }

                    break;
                case ColumnEncodingKind.Categorical:
                    if (column is not StringColumn s)
                    {
                        throw TypeMismatch(encoding, column);
                    }

                    var lookup = new Dictionary<string, long>(StringComparer.Ordinal);
                    for (var i = 0; i < encoding.Vocabulary!.Count; i++)
                    {
                        lookup[encoding.Vocabulary[i]] = i + 1;
                    }

                    for (var r = 0; r < rows; r++)
                    {
                        var value = s[r];
                        categories[(long)r * categorical.Count + catIndex] = value is not null && lookup.TryGetValue(value, out var index) ? index : 0;
                    }

                    catIndex++;
                    break;
                case ColumnEncodingKind.DateTime:
                    if (column is not DateTimeColumn d)
                    {
                        throw TypeMismatch(encoding, column);
                    }

                    for (var r = 0; r < rows; r++)
                    {
                        var baseIndex = (long)r * width + offset;
                        if (d[r] is { } t)
                        {
                            var year = t.Year + (t.DayOfYear - 1) / 366.0;
                            numeric[baseIndex] = (float)Math.Clamp((year - encoding.Center) / encoding.Scale, -ClipValue, ClipValue);
                            Cyclic(numeric, baseIndex + 1, t.Month - 1, 12);
                            Cyclic(numeric, baseIndex + 3, (int)t.DayOfWeek, 7);
                            Cyclic(numeric, baseIndex + 5, t.Hour * 60 + t.Minute, 24 * 60);
                        }

                        if (encoding.MissingIndicator)
                        {
                            numeric[baseIndex + 7] = d[r] is null ? 1f : 0f;
                        }
                    }

                    break;
            }

            offset += encoding.NumericWidth;
        }

        return new EncodedTable(rows, width, categorical.Count, numeric, categories);
    }

    private static void Cyclic(float[] target, long index, int value, int period)
    {
        var angle = 2 * Math.PI * value / period;
        target[index] = (float)Math.Sin(angle);
        target[index + 1] = (float)Math.Cos(angle);
    }

    private static LatentOpsException TypeMismatch(ColumnEncoding encoding, Column column) =>
        LatentOpsException.InvalidInput($"Column '{encoding.Column}' has type {column.Type}; the model was trained on it as {encoding.SourceType} ({encoding.Kind}).");
}
