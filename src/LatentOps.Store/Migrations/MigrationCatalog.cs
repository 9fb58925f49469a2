using System.Reflection;
using System.Text.RegularExpressions;

namespace LatentOps.Store.Migrations;

/// <summary>
/// The migrations compiled into this assembly as embedded resources named
/// <c>{dialect}.NNNN_name.sql</c> (see the csproj), in version order.
/// </summary>
public static partial class MigrationCatalog
{
    /// <summary>All migrations for a dialect ("Sqlite", "Postgres"), ordered by version.</summary>
    public static IReadOnlyList<Migration> For(string dialect)
    {
        var assembly = typeof(MigrationCatalog).Assembly;
        var prefix = dialect + ".";
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            var match = FileName().Match(resource[prefix.Length..]);
            if (!match.Success)
            {
                throw new InvalidOperationException($"Migration resource '{resource}' is not named NNNN_name.sql.");
            }

            migrations.Add(new Migration(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), match.Groups[2].Value, Read(assembly, resource)));
        }

        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version != i + 1)
            {
                throw new InvalidOperationException($"{dialect} migrations must be numbered 1, 2, 3, ... without gaps; found {migrations[i].Version} at position {i + 1}.");
            }
        }

        return migrations;
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"^(\d{4})_([a-z0-9_]+)\.sql$")]
    private static partial Regex FileName();
}
