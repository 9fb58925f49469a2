using LatentOps.Core.Errors;

namespace LatentOps.Store.Tracking;

/// <summary>A parsed <see cref="RunQuery.OrderBy"/>.</summary>
internal sealed class RunOrder
{
    private readonly string _kind;
    private readonly string _key;
    private readonly bool _descending;

    private RunOrder(string kind, string key, bool descending)
    {
        _kind = kind;
        _key = key;
        _descending = descending;
    }

    public static RunOrder Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new RunOrder("start_time", string.Empty, descending: true);
        }

        var parts = text.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var descending = parts.Length > 1 && parts[^1].Equals("desc", StringComparison.OrdinalIgnoreCase);
        var ascending = parts.Length > 1 && parts[^1].Equals("asc", StringComparison.OrdinalIgnoreCase);
        if (parts.Length > 2 || (parts.Length == 2 && !descending && !ascending))
        {
            throw LatentOpsException.InvalidInput($"Order '{text}' is not understood: use start_time, name, metrics.KEY or params.KEY, then optionally asc or desc.");
        }

        var field = parts[0];
        if (field is "start_time" or "name")
        {
            return new RunOrder(field, string.Empty, parts.Length == 1 ? field == "start_time" : descending);
        }

        var dot = field.IndexOf('.', StringComparison.Ordinal);
        var kind = dot > 0 ? field[..dot].ToLowerInvariant() : string.Empty;
        if (kind is not ("metrics" or "params") || dot == field.Length - 1)
        {
            throw LatentOpsException.InvalidInput($"Order field '{field}' is not understood: use start_time, name, metrics.KEY or params.KEY.");
        }

        return new RunOrder(kind, field[(dot + 1)..], descending);
    }

    public IEnumerable<Run> Sort(IEnumerable<Run> runs)
    {
        switch (_kind)
        {
            case "start_time":
                return _descending ? runs.OrderByDescending(r => r.Info.StartTime) : runs.OrderBy(r => r.Info.StartTime);
            case "name":
                return _descending ? runs.OrderByDescending(r => r.Info.Name, StringComparer.Ordinal) : runs.OrderBy(r => r.Info.Name, StringComparer.Ordinal);
            case "metrics":
                var with = runs.Where(r => r.Metrics.TryGetValue(_key, out var v) && !double.IsNaN(v)).ToList();
                var without = runs.Except(with);
                var sorted = _descending ? with.OrderByDescending(r => r.Metrics[_key]) : with.OrderBy(r => r.Metrics[_key]);
                return sorted.Concat(without);
            default:
                return _descending
                    ? runs.OrderByDescending(r => r.Params.GetValueOrDefault(_key), StringComparer.Ordinal)
                    : runs.OrderBy(r => r.Params.GetValueOrDefault(_key), StringComparer.Ordinal);
        }
    }
}
