using System.Globalization;
using LatentOps.Core.Tables;

namespace LatentOps.Learning.Tests;

/// <summary>Small real tables for tests: the first rows of samples/lending_club.csv (MIT, r-cran-modeldata).</summary>
internal static class SampleTables
{
    private static readonly Lazy<string[]> Lines = new(() => File.ReadAllLines(Path.Combine(RepositoryRoot(), "samples", "lending_club.csv")));

    public static Table LendingClub(int rows, int skip = 0)
    {
        var lines = Lines.Value;
        var header = Split(lines[0]);
        var cells = lines.Skip(1 + skip).Take(rows).Select(Split).ToArray();
        var columns = new List<Column>();
        for (var c = 0; c < header.Length; c++)
        {
            var raw = cells.Select(r => r[c]).ToArray();
            if (raw.All(v => v.Length == 0 || double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
            {
                columns.Add(new NumericColumn(header[c], [.. raw.Select(v => v.Length == 0 ? double.NaN : double.Parse(v, CultureInfo.InvariantCulture))]));
            }
            else
            {
                columns.Add(new StringColumn(header[c], [.. raw.Select(v => v.Length == 0 ? null : v)]));
            }
        }

        return new Table(columns);
    }

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LatentOps.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Repository root not found above " + AppContext.BaseDirectory);
    }

    private static string[] Split(string line) => [.. line.Split(',').Select(v => v.Trim('"'))];
}
