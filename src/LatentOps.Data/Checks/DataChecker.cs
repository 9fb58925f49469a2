using System.Globalization;
using LatentOps.Core.Errors;
using LatentOps.Core.Tables;

namespace LatentOps.Data.Checks;

/// <summary>
/// Data-quality checks on a table, each finding explained in plain words with a severity:
/// leakage (duplicates shared with the other side of a split, single features that predict the label
/// almost perfectly, identifier-like columns, time overlap), integrity (mixed types, constant columns,
/// conflicting labels, duplicate rows), class imbalance, representativeness against a reference, and
/// personal data.
/// </summary>
public static partial class DataChecker
{
    /// <summary>Runs every check that the inputs allow.</summary>
    /// <param name="table">The data to check.</param>
    /// <param name="options">Roles and thresholds.</param>
    /// <param name="reference">A dataset the table should represent (enables representativeness), or null.</param>
    /// <param name="counterpart">The other side of a split (e.g. test when checking train; enables duplicate and time leakage), or null.</param>
    /// <param name="referenceName">The reference's name, for messages.</param>
    /// <param name="counterpartName">The counterpart's name, for messages.</param>
    /// <param name="cancellationToken">Stops between checks.</param>
    public static DataCheckReport Run(
        Table table,
        DataCheckOptions options,
        Table? reference = null,
        Table? counterpart = null,
        string? referenceName = null,
        string? counterpartName = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        foreach (var (role, column) in new[] { ("label", options.LabelColumn), ("time", options.TimeColumn), ("id", options.IdColumn) })
        {
            if (column is not null && !table.Contains(column))
            {
                throw LatentOpsException.InvalidInput($"The {role} column '{column}' is not in the data. Columns: {string.Join(", ", table.Columns.Select(c => c.Name))}.");
            }
        }

        var findings = new List<DataFinding>();
        var label = options.LabelColumn is null ? null : LabelClasses.From(table[options.LabelColumn]);

        findings.AddRange(IntegrityFindings(table, options, label));
        cancellationToken.ThrowIfCancellationRequested();
        if (label is not null)
        {
            findings.AddRange(ImbalanceFindings(options, label));
            cancellationToken.ThrowIfCancellationRequested();
            findings.AddRange(ProxyLeakageFindings(table, options, label, cancellationToken));
        }

        findings.AddRange(IdentifierFindings(table, options));
        cancellationToken.ThrowIfCancellationRequested();
        if (counterpart is not null)
        {
            findings.AddRange(SplitLeakageFindings(table, counterpart, options, counterpartName ?? "the other split"));
            cancellationToken.ThrowIfCancellationRequested();
        }

        if (reference is not null)
        {
            findings.AddRange(RepresentativenessFindings(table, reference, options, referenceName ?? "the reference"));
            cancellationToken.ThrowIfCancellationRequested();
        }

        findings.AddRange(PiiFindings(table, options, cancellationToken));
        var ordered = findings.OrderByDescending(f => f.Severity).ThenBy(f => f.Category).ThenBy(f => f.Column, StringComparer.Ordinal).ToArray();
        return new DataCheckReport(table.RowCount, table.Columns.Count, ordered, options.ToSettings(referenceName, counterpartName));
    }

    private static DataFinding Finding(string check, FindingCategory category, FindingSeverity severity, string title, string explanation, string? column = null,
        IReadOnlyDictionary<string, double>? metrics = null, IReadOnlyList<string>? examples = null) =>
        new(check, category, severity, title, explanation, column, metrics ?? new Dictionary<string, double>(), examples ?? []);

    private static string Percent(double share) => share.ToString("0.#%", CultureInfo.InvariantCulture);

    private static string Number(double value) => value.ToString("#,0.###", CultureInfo.InvariantCulture);

    /// <summary>Columns compared when matching rows: everything except identifiers and free text.</summary>
    private static List<string> RowKeyColumns(Table table, DataCheckOptions options, bool includeLabel) =>
        [.. table.Columns.Where(c => c.Type is not (ColumnType.Identifier) && c.Name != options.IdColumn && (includeLabel || c.Name != options.LabelColumn)).Select(c => c.Name)];
}
