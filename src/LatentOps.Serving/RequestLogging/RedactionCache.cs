using LatentOps.Core.Tables;
using LatentOps.Data.Pii;

namespace LatentOps.Serving.RequestLogging;

/// <summary>
/// Redacts request rows for the request log as <see cref="PiiDetector.Redact"/> does, remembering the
/// result per value: redaction depends on the value alone and category values repeat from request to
/// request, so each short value (up to <see cref="MaxCachedLength"/> characters) is run through the
/// detector's patterns once; the cache is emptied once it holds more than <see cref="MaxCachedValues"/> values.
/// Not thread-safe: the request log's single writer owns one.
/// </summary>
internal sealed class RedactionCache
{
    /// <summary>Values longer than this (free text) are redacted every time, not remembered.</summary>
    public const int MaxCachedLength = 64;

    /// <summary>The most values remembered.</summary>
    public const int MaxCachedValues = 100_000;

    private readonly Dictionary<string, string> _redacted = new(StringComparer.Ordinal);

    /// <summary><paramref name="value"/> with personal data replaced by markers such as <c>[EMAIL]</c>, exactly as <see cref="PiiDetector.Redact"/> would.</summary>
    public string Redact(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (_redacted.TryGetValue(value, out var known))
        {
            return known;
        }

        var (table, _) = PiiDetector.Redact(new Table([new StringColumn("value", [value], ColumnType.Text)]));
        var redacted = ((StringColumn)table["value"])[0]!;
        if (value.Length <= MaxCachedLength)
        {
            if (_redacted.Count >= MaxCachedValues)
            {
                _redacted.Clear(); // Bounded: starts over.
            }

            _redacted[value] = redacted;
        }

        return redacted;
    }

    /// <summary><paramref name="rows"/> with personal data in string columns replaced by markers such as <c>[EMAIL]</c>; other columns are shared.</summary>
    public Table Redact(Table rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (_redacted.Count > MaxCachedValues)
        {
            _redacted.Clear(); // Bounded: it may pass the limit by one request's values, then starts over.
        }

        List<string>? fresh = null;
        foreach (var column in rows.Columns)
        {
            if (column is StringColumn strings)
            {
                foreach (var value in strings.Values)
                {
                    if (value is not null && !_redacted.ContainsKey(value))
                    {
                        (fresh ??= []).Add(value);
                    }
                }
            }
        }

        if (fresh is null)
        {
            return Substitute(rows, value => _redacted[value]);
        }

        var distinct = fresh.Distinct(StringComparer.Ordinal).ToArray();
        var (table, _) = PiiDetector.Redact(new Table([new StringColumn("value", distinct, ColumnType.Text)]));
        var results = ((StringColumn)table["value"]).Values;
        var local = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < distinct.Length; i++)
        {
            var target = distinct[i].Length <= MaxCachedLength ? _redacted : local;
            target[distinct[i]] = results[i]!;
        }

        return Substitute(rows, value => local.TryGetValue(value, out var own) ? own : _redacted[value]);
    }

    private static Table Substitute(Table rows, Func<string, string> redacted)
    {
        var columns = new List<Column>(rows.Columns.Count);
        foreach (var column in rows.Columns)
        {
            if (column is not StringColumn strings)
            {
                columns.Add(column);
                continue;
            }

            var values = new string?[strings.Length];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = strings[i] is { } value ? redacted(value) : null;
            }

            columns.Add(new StringColumn(strings.Name, values, strings.Type));
        }

        return new Table(columns);
    }
}
