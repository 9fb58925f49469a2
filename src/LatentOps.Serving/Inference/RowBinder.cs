using System.Globalization;
using System.Text.Json;
using LatentOps.Core.Errors;
using LatentOps.Core.Tables;

namespace LatentOps.Serving.Inference;

/// <summary>
/// Turns the <c>rows</c> of a request (JSON objects by column name) into a <see cref="Table"/> typed as
/// the model's signature says, checking every field: a missing required field, a wrong type, a
/// non-finite number, an unparseable date are collected (up to <see cref="MaxReportedErrors"/>) and
/// reported together by field path. Fields the model does not use are ignored.
/// </summary>
public static class RowBinder
{
    /// <summary>The most problems reported at once.</summary>
    public const int MaxReportedErrors = 20;

    /// <summary>Binds <paramref name="rows"/> (a JSON array of objects) to a table of <paramref name="inputs"/>.</summary>
    /// <exception cref="LatentOpsException">InvalidInput when <paramref name="rows"/> is not an array of 1..<paramref name="maxRows"/> objects.</exception>
    /// <exception cref="RowValidationException">Some fields do not fit the signature.</exception>
    public static Table Bind(JsonElement rows, IReadOnlyList<InputColumn> inputs, int maxRows)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (rows.ValueKind != JsonValueKind.Array)
        {
            throw LatentOpsException.InvalidInput($"'rows' must be a JSON array of objects (one per row); got {rows.ValueKind.ToString().ToLowerInvariant()}.");
        }

        var count = rows.GetArrayLength();
        if (count == 0 || count > maxRows)
        {
            throw LatentOpsException.InvalidInput($"'rows' has {count} rows; allowed: 1 to {maxRows} per request.");
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var builders = inputs.Select(c => ColumnBuilder.For(c, count)).ToArray();
        var index = 0;
        foreach (var row in rows.EnumerateArray())
        {
            if (row.ValueKind != JsonValueKind.Object)
            {
                AddError(errors, $"rows[{index}]", $"must be an object of column values; got {row.ValueKind.ToString().ToLowerInvariant()}");
            }
            else
            {
                for (var c = 0; c < inputs.Count; c++)
                {
                    var input = inputs[c];
                    var present = row.TryGetProperty(input.Name, out var value);
                    var problem = present && value.ValueKind != JsonValueKind.Null
                        ? builders[c].Set(index, value)
                        : input.Nullable ? null : "is required and may not be null";
                    if (problem is not null)
                    {
                        AddError(errors, $"rows[{index}].{input.Name}", problem);
                    }
                }
            }

            index++;
        }

        if (errors.Count > 0)
        {
            throw new RowValidationException(errors);
        }

        return new Table(builders.Select(b => b.Build()));
    }

    private static void AddError(Dictionary<string, string[]> errors, string path, string problem)
    {
        if (errors.Count < MaxReportedErrors)
        {
            errors[path] = [problem];
        }
    }

    private abstract class ColumnBuilder(InputColumn input)
    {
        protected InputColumn Input { get; } = input;

        public static ColumnBuilder For(InputColumn input, int rows) => input.Type switch
        {
            ColumnType.Numeric or ColumnType.Integer or ColumnType.Boolean => new NumberBuilder(input, rows),
            ColumnType.DateTime => new DateBuilder(input, rows),
            _ => new StringBuilder(input, rows),
        };

        /// <summary>Stores the value; returns a problem description, or null when it fits.</summary>
        public abstract string? Set(int row, JsonElement value);

        public abstract Column Build();

        protected static string Describe(JsonElement value) => value.ValueKind switch
        {
            JsonValueKind.String => $"the string '{Truncate(value.GetString())}'",
            JsonValueKind.Number => $"the number {value.GetRawText()}",
            JsonValueKind.True or JsonValueKind.False => $"the boolean {value.GetRawText()}",
            _ => $"a JSON {value.ValueKind.ToString().ToLowerInvariant()}",
        };

        private static string Truncate(string? text) => text is { Length: > 40 } ? text[..40] + "…" : text ?? string.Empty;
    }

    private sealed class NumberBuilder : ColumnBuilder
    {
        private readonly double[] _values;

        public NumberBuilder(InputColumn input, int rows)
            : base(input)
        {
            _values = new double[rows];
            Array.Fill(_values, double.NaN);
        }

        public override string? Set(int row, JsonElement value)
        {
            if (Input.Type == ColumnType.Boolean && value.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                _values[row] = value.GetBoolean() ? 1 : 0;
                return null;
            }

            if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number))
            {
                if (Input.Type == ColumnType.Integer && number != Math.Floor(number))
                {
                    return $"must be a whole number; got {Describe(value)}";
                }

                _values[row] = number;
                return null;
            }

            var expected = Input.Type == ColumnType.Boolean ? "true or false" : "a finite number";
            return $"must be {expected}; got {Describe(value)}";
        }

        public override Column Build() => new NumericColumn(Input.Name, _values, Input.Type);
    }

    private sealed class StringBuilder(InputColumn input, int rows) : ColumnBuilder(input)
    {
        private readonly string?[] _values = new string?[rows];

        public override string? Set(int row, JsonElement value)
        {
            // Categories that look numeric (zip codes, grades) arrive as numbers from many clients.
            _values[row] = value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
                _ => null,
            };
            return _values[row] is null ? $"must be a string; got {Describe(value)}" : null;
        }

        public override Column Build() => new StringColumn(Input.Name, _values, Input.Type);
    }

    private sealed class DateBuilder(InputColumn input, int rows) : ColumnBuilder(input)
    {
        private readonly DateTime?[] _values = new DateTime?[rows];

        public override string? Set(int row, JsonElement value)
        {
            if (value.ValueKind == JsonValueKind.String &&
                DateTime.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date))
            {
                _values[row] = date;
                return null;
            }

            return $"must be an ISO-8601 date or date-time string such as 2016-11-08; got {Describe(value)}";
        }

        public override Column Build() => new DateTimeColumn(Input.Name, _values);
    }
}
