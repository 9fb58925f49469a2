namespace LatentOps.Data.Checks;

/// <summary>The findings of a check run, most severe first, with the settings used.</summary>
/// <param name="RowCount">Rows checked.</param>
/// <param name="ColumnCount">Columns checked.</param>
/// <param name="Findings">The findings, errors first.</param>
/// <param name="Settings">The settings used.</param>
public sealed record DataCheckReport(int RowCount, int ColumnCount, IReadOnlyList<DataFinding> Findings, DataCheckSettings Settings)
{
    /// <summary>Findings of severity error.</summary>
    public int Errors => Findings.Count(f => f.Severity == FindingSeverity.Error);

    /// <summary>Findings of severity warning.</summary>
    public int Warnings => Findings.Count(f => f.Severity == FindingSeverity.Warning);

    /// <summary>Findings of severity info.</summary>
    public int Infos => Findings.Count(f => f.Severity == FindingSeverity.Info);

    /// <summary>True when any finding of <paramref name="check"/> (e.g. <c>imbalance.classes</c>) exists.</summary>
    public bool Has(string check) => Findings.Any(f => f.Check == check);
}
