using LatentOps.Core.Tables;

namespace LatentOps.Benchmarks.Learning;

/// <summary>A quality-table dataset: the table with an integer label column "label" and the features.</summary>
internal sealed record BenchDataset(string Name, Table Features, int[] Labels, string[] ClassNames, string Note)
{
    public static BenchDataset Load(string name, string root)
    {
        switch (name)
        {
            case "lending_club":
            {
                var t = CsvTables.Load(Path.Combine(root, "tabular", "lending_club.csv"));
                return FromColumn(name, t, "Class", v => v == "bad" ? 1 : 0, ["good", "bad"], "label Class = bad");
            }

            case "credit_data":
            {
                var t = CsvTables.Load(Path.Combine(root, "tabular", "credit_data.csv"));
                return FromColumn(name, t, "Status", v => v == "bad" ? 1 : 0, ["good", "bad"], "label Status = bad");
            }

            case "birdstrikes":
            {
                var t = CsvTables.Load(Path.Combine(root, "tabular", "birdstrikes.csv"));

                // Cost columns are recorded after the fact and reveal damage (leakage): left out.
                t = t.Drop(["Cost Other", "Cost Repair", "Cost Total $"]);
                return FromColumn(name, t, "Effect Amount of damage", v => v switch { "None" => 0, "Minor" or "Medium" or "Substantial" => 1, _ => -1 }, ["none", "any damage"],
                    "label: any damage (Minor/Medium/Substantial) vs None; ~15 junk label values dropped; cost columns dropped (leakage)");
            }

            case "breast_cancer":
            {
                var t = CsvTables.Load(Path.Combine(root, "sklearn", "breast_cancer.csv"), hasHeader: false, skipLines: 1);
                var last = t.Columns[^1].Name;
                return FromColumn(name, t, last, v => v == "1" ? 1 : 0, ["malignant", "benign"], "label: class 1 (benign) vs 0");
            }

            case "digits":
            {
                var t = CsvTables.Load(Path.Combine(root, "sklearn", "digits.csv.gz"), hasHeader: false);
                var last = t.Columns[^1].Name;
                return FromColumn(name, t, last, v => int.Parse(v, System.Globalization.CultureInfo.InvariantCulture), [.. Enumerable.Range(0, 10).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))],
                    "10 classes; score is macro one-vs-rest ROC-AUC");
            }

            default:
                throw new ArgumentException($"unknown dataset '{name}'; known: lending_club, credit_data, birdstrikes, breast_cancer, digits");
        }
    }

    private static BenchDataset FromColumn(string name, Table table, string labelColumn, Func<string, int> map, string[] classes, string note)
    {
        var column = table[labelColumn];
        var labels = new int[table.RowCount];
        for (var r = 0; r < table.RowCount; r++)
        {
            var value = column.GetValue(r);
            labels[r] = value switch
            {
                null => -1,
                double d => map(d.ToString("R", System.Globalization.CultureInfo.InvariantCulture)),
                _ => map(value.ToString()!),
            };
        }

        var keep = Enumerable.Range(0, table.RowCount).Where(r => labels[r] >= 0).ToArray();
        return new BenchDataset(name, table.Drop([labelColumn]).Take(keep), [.. keep.Select(r => labels[r])], classes, note);
    }
}
