namespace LatentOps.Store.Datasets;

/// <summary>A dataset in the catalog list.</summary>
/// <param name="Name">The dataset name.</param>
/// <param name="LatestVersion">The highest version number.</param>
/// <param name="VersionCount">How many versions exist.</param>
/// <param name="RowCount">Rows in the latest version.</param>
/// <param name="ColumnCount">Columns in the latest version.</param>
/// <param name="UpdatedAt">When the latest version was recorded.</param>
public sealed record DatasetSummary(string Name, int LatestVersion, int VersionCount, int RowCount, int ColumnCount, DateTimeOffset UpdatedAt);
