using System.Text.Json;
using LatentOps.Evaluation.Metrics;

namespace LatentOps.Evaluation.Tests.Metrics;

/// <summary>One case of Fixtures/sklearn_metrics.json, made by make_sklearn_fixtures.py with scikit-learn 1.2.1.</summary>
public sealed class SklearnCase
{
    public required string Name { get; init; }

    public required string Task { get; init; }

    public required JsonElement Raw { get; init; }

    public override string ToString() => Name;

    public Dictionary<string, double?> Expected =>
        Raw.GetProperty("expected").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.Null ? (double?)null : p.Value.GetDouble());

    internal PredictionSet ToPredictionSet()
    {
        if (Task == "regression")
        {
            return PredictionSet.Regression(Doubles("actual"), Doubles("predictedValues"));
        }

        var labels = Raw.GetProperty("labels").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        var probabilities = Raw.GetProperty("probabilities").EnumerateArray()
            .Select(r => r.EnumerateArray().Select(e => e.GetDouble()).ToArray()).ToArray();
        var k = Raw.GetProperty("classCount").GetInt32();
        return k == 2
            ? PredictionSet.Binary(labels, [.. probabilities.Select(r => r[1])])
            : PredictionSet.Multiclass(labels, probabilities, [.. Enumerable.Range(0, k).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
    }

    private double[] Doubles(string name) => [.. Raw.GetProperty(name).EnumerateArray().Select(e => e.GetDouble())];

    private static readonly Lazy<IReadOnlyList<SklearnCase>> Cases = new(Read);

    public static IReadOnlyList<SklearnCase> Load() => Cases.Value;

    private static IReadOnlyList<SklearnCase> Read()
    {
        return [.. SklearnFixtureDocument.Root.GetProperty("cases").EnumerateArray().Select(c => new SklearnCase
        {
            Name = c.GetProperty("name").GetString()!,
            Task = c.GetProperty("task").GetString()!,
            Raw = c.Clone(),
        })];
    }

    public static TheoryData<string> Names() => [.. Load().Select(c => c.Name)];

    public static SklearnCase Get(string name) => Load().Single(c => c.Name == name);
}

/// <summary>The whole fixture document, parsed once.</summary>
public static class SklearnFixtureDocument
{
    private static readonly Lazy<JsonElement> Document = new(() =>
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "sklearn_metrics.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.Clone();
    });

    public static JsonElement Root => Document.Value;
}
