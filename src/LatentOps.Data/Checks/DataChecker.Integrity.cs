using LatentOps.Core.Tables;
using LatentOps.Data.Hashing;
using LatentOps.Data.Reading;

namespace LatentOps.Data.Checks;

public static partial class DataChecker
{
    private static IEnumerable<DataFinding> IntegrityFindings(Table table, DataCheckOptions options, LabelClasses? label)
    {
        foreach (var column in table.Columns)
        {
            var missing = column.MissingCount;
            var present = column.Length - missing;
            if (present == 0)
            {
                yield return Finding("integrity.empty-column", FindingCategory.Integrity, FindingSeverity.Warning,
                    $"Column '{column.Name}' is empty",
                    "Every value is missing, so the column carries no information. Drop it, or check why the source left it blank.",
                    column.Name, new Dictionary<string, double> { ["missingShare"] = 1 });
                continue;
            }

            if (CountDistinct(column, 2) == 1)
            {
                yield return Finding("integrity.constant-column", FindingCategory.Integrity, FindingSeverity.Warning,
                    $"Column '{column.Name}' is constant",
                    $"Every present value is '{FirstValue(column)}', so the column cannot help a model tell rows apart. Drop it before training.",
                    column.Name);
            }

            var missingShare = (double)missing / column.Length;
            if (missingShare >= 0.5)
            {
                yield return Finding("integrity.mostly-missing", FindingCategory.Integrity, FindingSeverity.Info,
                    $"Column '{column.Name}' is {Percent(missingShare)} missing",
                    "More than half its values are missing. Models will mostly learn from whether it is filled in; decide whether that is meaningful or drop the column.",
                    column.Name, new Dictionary<string, double> { ["missingShare"] = missingShare });
            }

            if (column is StringColumn { Type: ColumnType.Categorical } strings && MixedTypes(strings) is { } mixed)
            {
                yield return Finding("integrity.mixed-types", FindingCategory.Integrity, FindingSeverity.Warning,
                    $"Column '{column.Name}' mixes numbers and text",
                    $"{Percent(mixed.NumericShare)} of its values are numbers and the rest are text (e.g. {string.Join(", ", mixed.TextExamples.Select(e => $"'{e}'"))}), so it was read as text. " +
                    "Usually a placeholder such as 'unknown' or a unit got into a numeric column: clean those values or declare the type with --schema.",
                    column.Name, new Dictionary<string, double> { ["numericShare"] = mixed.NumericShare }, mixed.TextExamples);
            }
        }

        var keyColumns = RowKeyColumns(table, options, includeLabel: true);
        if (keyColumns.Count > 0)
        {
            var duplicates = TableHashDuplicates(table, keyColumns);
            if (duplicates > 0)
            {
                var share = (double)duplicates / table.RowCount;
                yield return Finding("integrity.duplicate-rows", FindingCategory.Integrity, share >= 0.05 ? FindingSeverity.Warning : FindingSeverity.Info,
                    $"{Number(duplicates)} rows ({Percent(share)}) repeat another row",
                    "Identical rows (ignoring identifier columns) give those examples extra weight and, if a split separates copies, leak test rows into training. Remove them unless repetitions are real events.",
                    null, new Dictionary<string, double> { ["duplicateRows"] = duplicates, ["share"] = share });
            }
        }

        if (label is not null)
        {
            var features = RowKeyColumns(table, options, includeLabel: false);
            if (features.Count > 0)
            {
                var hashes = TableHash.RowHashes(table, features);
                var labelsByRow = new Dictionary<ulong, (int First, bool Conflict, int Rows)>();
                for (var i = 0; i < hashes.Length; i++)
                {
                    var code = label.Codes[i];
                    if (code < 0)
                    {
                        continue;
                    }

                    if (labelsByRow.TryGetValue(hashes[i], out var entry))
                    {
                        labelsByRow[hashes[i]] = (entry.First, entry.Conflict || entry.First != code, entry.Rows + 1);
                    }
                    else
                    {
                        labelsByRow[hashes[i]] = (code, false, 1);
                    }
                }

                var conflictGroups = labelsByRow.Values.Where(v => v.Conflict).ToArray();
                if (conflictGroups.Length > 0)
                {
                    var rows = conflictGroups.Sum(g => g.Rows);
                    yield return Finding("integrity.conflicting-labels", FindingCategory.Integrity, FindingSeverity.Warning,
                        $"{Number(conflictGroups.Length)} groups of identical rows ({Number(rows)} rows) have different labels",
                        $"These rows agree on every feature but disagree on '{label.Column}'. Either the features miss something that decides the label, or some labels are wrong; no model can get all of them right.",
                        label.Column, new Dictionary<string, double> { ["groups"] = conflictGroups.Length, ["rows"] = rows });
                }
            }
        }
    }

    private static int TableHashDuplicates(Table table, IReadOnlyList<string> columns)
    {
        var seen = new HashSet<ulong>();
        var duplicates = 0;
        foreach (var hash in TableHash.RowHashes(table, columns))
        {
            if (!seen.Add(hash))
            {
                duplicates++;
            }
        }

        return duplicates;
    }

    private static int CountDistinct(Column column, int stopAt)
    {
        var seen = new HashSet<object>();
        for (var i = 0; i < column.Length && seen.Count < stopAt; i++)
        {
            if (column.GetValue(i) is { } v)
            {
                seen.Add(v);
            }
        }

        return seen.Count;
    }

    private static string FirstValue(Column column)
    {
        for (var i = 0; i < column.Length; i++)
        {
            if (column.GetValue(i) is { } v)
            {
                return Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
            }
        }

        return string.Empty;
    }

    private static (double NumericShare, string[] TextExamples)? MixedTypes(StringColumn column)
    {
        int numeric = 0, present = 0;
        var text = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var v in column.Strings())
        {
            if (v is null)
            {
                continue;
            }

            present++;
            if (ValueParsing.TryParseNumber(v, out _, out _))
            {
                numeric++;
            }
            else
            {
                text[v] = text.GetValueOrDefault(v) + 1;
            }
        }

        var share = present == 0 ? 0 : (double)numeric / present;
        return share is >= 0.05 and <= 0.95
            ? (share, text.OrderByDescending(kv => kv.Value).Take(3).Select(kv => kv.Key.Length > 30 ? kv.Key[..27] + "..." : kv.Key).ToArray())
            : null;
    }
}
