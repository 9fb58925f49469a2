namespace LatentOps.Dashboard.Layout;

/// <summary>The main navigation, in order. A new page group adds its entry here (see the project README).</summary>
public static class DashboardNavigation
{
    /// <summary>The entries.</summary>
    public static IReadOnlyList<NavigationItem> Items { get; } =
    [
        new("/", "Overview"),
        new("/datasets", "Datasets"),
        new("/models", "Models"),
        new("/monitoring", "Monitoring"),
        new("/sales", "Sales"),
    ];

    /// <summary>The entry that <paramref name="path"/> belongs to, if any.</summary>
    public static NavigationItem? CurrentFor(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Items.Where(i => i.Path == "/" ? path == "/" : path == i.Path || path.StartsWith(i.Path + "/", StringComparison.Ordinal))
            .OrderByDescending(i => i.Path.Length)
            .FirstOrDefault();
    }
}
