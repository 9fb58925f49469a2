namespace LatentOps.Store.Datasets;

/// <summary>The columns a dataset version gives a role to (each may be null).</summary>
/// <param name="Label">The label (target) column.</param>
/// <param name="Time">The time column (for time splits and drift).</param>
/// <param name="Id">The identifier column.</param>
public sealed record DatasetRoles(string? Label = null, string? Time = null, string? Id = null)
{
    /// <summary>No roles.</summary>
    public static DatasetRoles None { get; } = new();
}
