using System.Text.Json;

namespace LatentOps.Monitoring.Tests.Fixtures;

/// <summary>Reads drift_reference.json (made by make_fixtures.py with scipy).</summary>
internal static class ReferenceData
{
    private static readonly Lazy<JsonDocument> Document = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "drift_reference.json"))));

    public static IEnumerable<JsonElement> Cases(string kind) => Document.Value.RootElement.GetProperty(kind).EnumerateArray();

    public static double[] Numbers(JsonElement e, string name) => [.. e.GetProperty(name).EnumerateArray().Select(v => v.GetDouble())];

    public static string?[] Strings(JsonElement e, string name) => [.. e.GetProperty(name).EnumerateArray().Select(v => v.GetString())];

    public static float[][] Rows(JsonElement e, string name) =>
        [.. e.GetProperty(name).EnumerateArray().Select(r => r.EnumerateArray().Select(v => (float)v.GetDouble()).ToArray())];
}
