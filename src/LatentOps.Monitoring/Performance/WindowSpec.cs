using LatentOps.Core.Errors;

namespace LatentOps.Monitoring.Performance;

/// <summary>How rows are cut into windows: consecutive blocks of a count, or calendar spans of a width.</summary>
public sealed record WindowSpec
{
    private WindowSpec(int? size, TimeSpan? width)
    {
        Size = size;
        Width = width;
    }

    /// <summary>Rows per window (the last may be shorter), or null when windows are by time.</summary>
    public int? Size { get; }

    /// <summary>Window width, or null when windows are by count.</summary>
    public TimeSpan? Width { get; }

    /// <summary>Windows of <paramref name="size"/> consecutive rows.</summary>
    public static WindowSpec ByCount(int size) => size >= 1 ? new(size, null) : throw LatentOpsException.InvalidInput($"Window size {size} is out of range; allowed: >= 1 row.");

    /// <summary>Windows of <paramref name="width"/> starting at the first row's time (rows must carry times).</summary>
    public static WindowSpec ByTime(TimeSpan width) => width > TimeSpan.Zero ? new(null, width) : throw LatentOpsException.InvalidInput($"Window width {width} is out of range; allowed: > 0.");

    /// <summary>Row indices per window, in order; empty time windows are skipped.</summary>
    public IReadOnlyList<(int[] Rows, DateTime? Start, DateTime? End)> Cut(int rows, IReadOnlyList<DateTime>? times)
    {
        var windows = new List<(int[], DateTime?, DateTime?)>();
        if (Size is { } size)
        {
            for (var start = 0; start < rows; start += size)
            {
                var idx = Enumerable.Range(start, Math.Min(size, rows - start)).ToArray();
                windows.Add((idx, times?[idx[0]], times?[idx[^1]]));
            }

            return windows;
        }

        if (times is null || times.Count != rows)
        {
            throw LatentOpsException.InvalidInput("Windows by time need one timestamp per row; none were given.");
        }

        if (rows == 0)
        {
            return windows;
        }

        var origin = times.Min();
        foreach (var group in Enumerable.Range(0, rows).GroupBy(i => (times[i] - origin).Ticks / Width!.Value.Ticks).OrderBy(g => g.Key))
        {
            var start = origin + TimeSpan.FromTicks(group.Key * Width!.Value.Ticks);
            windows.Add((group.ToArray(), start, start + Width.Value));
        }

        return windows;
    }
}
