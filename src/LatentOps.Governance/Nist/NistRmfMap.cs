namespace LatentOps.Governance.Nist;

/// <summary>What LatentOps recorded for a model, mapped to the NIST AI RMF functions.</summary>
/// <param name="Items">Every item, grouped by function in the order Govern, Map, Measure, Manage.</param>
public sealed record NistRmfMap(IReadOnlyList<NistItem> Items)
{
    /// <summary>Items not recorded yet, each with the command that fills it.</summary>
    public IReadOnlyList<NistItem> Missing => Items.Where(i => !i.Present).ToList();

    /// <summary>The items of one function.</summary>
    public IReadOnlyList<NistItem> Of(NistFunction function) => Items.Where(i => i.Function == function).ToList();

    /// <summary>Items present out of items, e.g. "11 of 19".</summary>
    public string Coverage => $"{Items.Count(i => i.Present)} of {Items.Count}";
}
