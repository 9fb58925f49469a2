using System.Globalization;
using System.Text.Json;
using LatentOps.Evaluation.Calibration;
using LatentOps.Evaluation.Robustness;
using LatentOps.Store.Artifacts;
using LatentOps.Store.Tracking;

namespace LatentOps.Governance.Cards;

/// <summary>
/// Reads an evaluation run into the card's terms: the <c>evaluation.json</c> artifact when present (a
/// serialized EvaluationResult, or a ModelEvaluationResult wrapping one, possibly inside another
/// object), else the run's metrics with <c>.ci_low/.ci_high</c> (or <c>.ciLower/.ciUpper</c>) interval ends.
/// Unknown or missing parts are left out, never guessed.
/// </summary>
internal static class EvaluationReader
{
    public const string ArtifactName = "evaluation.json";

    private static readonly string[] LowerSuffixes = [".ci_low", ".ciLower"];
    private static readonly string[] UpperSuffixes = [".ci_high", ".ciUpper"];

    public static async Task<ModelCardEvaluation> ReadAsync(ArtifactStore artifacts, Run run, CancellationToken cancellationToken)
    {
        var dataset = run.Tags.GetValueOrDefault("latentops.dataset") ?? run.Tags.GetValueOrDefault("dataset")
            ?? run.Datasets.Where(d => d.Role is "test" or "evaluation" or "eval").Select(d => $"{d.Name}:{d.Version.ToString(CultureInfo.InvariantCulture)}").FirstOrDefault()
            ?? run.Datasets.Select(d => $"{d.Name}:{d.Version.ToString(CultureInfo.InvariantCulture)}").FirstOrDefault();
        var fromRun = FromMetrics(run, dataset);
        if (run.Artifacts.FirstOrDefault(a => a.Path == ArtifactName) is not { } artifact || !artifacts.Exists(artifact.Hash))
        {
            return fromRun;
        }

        try
        {
            var bytes = await artifacts.ReadAllBytesAsync(artifact.Hash, cancellationToken).ConfigureAwait(false);
            using var document = JsonDocument.Parse(bytes);
            return FromJson(document.RootElement, run, dataset, fromRun) ?? fromRun;
        }
        catch (JsonException)
        {
            return fromRun; // A malformed artifact must not hide what the run's metrics say.
        }
    }

    internal static ModelCardEvaluation FromMetrics(Run run, string? dataset)
    {
        var metrics = run.Metrics;
        var intervalKeys = metrics.Keys.Where(k => LowerSuffixes.Concat(UpperSuffixes).Any(s => k.EndsWith(s, StringComparison.Ordinal))).ToHashSet(StringComparer.Ordinal);
        var list = new List<CardMetric>();
        var slices = new List<CardSlice>();
        foreach (var (key, value) in metrics.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            if (intervalKeys.Contains(key) || double.IsNaN(value))
            {
                continue;
            }

            if (key.StartsWith("slice.", StringComparison.Ordinal) && ParseSlice(key, value) is { } slice)
            {
                slices.Add(slice);
                continue;
            }

            list.Add(new CardMetric(key, value, Interval(metrics, key, LowerSuffixes), Interval(metrics, key, UpperSuffixes)));
        }

        // Metrics with intervals first: they are the headline ones.
        list = [.. list.OrderBy(m => m.Lower is null ? 1 : 0)];
        var ece = First(metrics, "ece", "expectedCalibrationError", "eceError");
        var calibration = ece is null ? null : new CardCalibration(ece.Value, First(metrics, "mce", "maximumCalibrationError"), [], First(metrics, "temperature"), First(metrics, "calibratedExpectedCalibrationError"));
        var parity = First(metrics, "demographicParityDifference");
        var fairness = parity is null ? null : new CardFairness(run.Params.GetValueOrDefault("protected") ?? "protected column", parity.Value, First(metrics, "equalOpportunityDifference") ?? double.NaN, First(metrics, "equalizedOddsDifference"));
        return new ModelCardEvaluation(
            run.Info.RunId, run.Info.StartTime, dataset, "run metrics", run.Tags.GetValueOrDefault("task"), null, list.FirstOrDefault(m => m.Lower is not null)?.Name,
            list, slices, calibration, fairness, null);
    }

    private static ModelCardEvaluation? FromJson(JsonElement root, Run run, string? dataset, ModelCardEvaluation fromRun)
    {
        var result = FindWithProperty(root, "headline", 3);
        if (result is not { } evaluation)
        {
            return null;
        }

        var metrics = new List<CardMetric>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (evaluation.TryGetProperty("headline", out var headline) && headline.ValueKind == JsonValueKind.Array)
        {
            foreach (var h in headline.EnumerateArray())
            {
                var name = Str(h, "metric");
                var value = Num(h, "value");
                if (name is null || value is null || !seen.Add(name))
                {
                    continue;
                }

                metrics.Add(new CardMetric(name, value.Value, Num(h, "lower"), Num(h, "upper")));
            }
        }

        if (evaluation.TryGetProperty("metrics", out var all) && all.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in all.EnumerateObject())
            {
                if (seen.Add(property.Name) && Number(property.Value) is { } value)
                {
                    metrics.Add(new CardMetric(property.Name, value, null, null));
                }
            }
        }

        var slices = new List<CardSlice>();
        if (evaluation.TryGetProperty("slices", out var sliceColumns) && sliceColumns.ValueKind == JsonValueKind.Object)
        {
            foreach (var column in sliceColumns.EnumerateObject().Where(c => c.Value.ValueKind == JsonValueKind.Array))
            {
                foreach (var s in column.Value.EnumerateArray())
                {
                    var estimate = s.TryGetProperty("estimate", out var e) ? e : default;
                    var value = estimate.ValueKind == JsonValueKind.Object ? Num(estimate, "value") : null;
                    slices.Add(new CardSlice(
                        Str(s, "column") ?? column.Name,
                        Str(s, "value") ?? "?",
                        (int)(Num(s, "rows") ?? 0),
                        Str(s, "metric") ?? string.Empty,
                        value ?? double.NaN,
                        estimate.ValueKind == JsonValueKind.Object ? Num(estimate, "lower") : null,
                        estimate.ValueKind == JsonValueKind.Object ? Num(estimate, "upper") : null,
                        Num(s, "restValue"),
                        s.TryGetProperty("flagged", out var f) && f.ValueKind == JsonValueKind.True,
                        Str(s, "warning")));
                }
            }
        }

        CardCalibration? calibration = fromRun.Calibration;
        if (evaluation.TryGetProperty("calibration", out var c) && c.ValueKind == JsonValueKind.Object && Num(c, "expectedCalibrationError") is { } ece)
        {
            var bins = new List<ReliabilityBin>();
            if (c.TryGetProperty("bins", out var b) && b.ValueKind == JsonValueKind.Array)
            {
                bins.AddRange(b.EnumerateArray().Select(x => new ReliabilityBin(Num(x, "lower") ?? 0, Num(x, "upper") ?? 0, (int)(Num(x, "count") ?? 0), Num(x, "meanConfidence") ?? double.NaN, Num(x, "accuracy") ?? double.NaN)));
            }

            double? temperature = null;
            double? after = null;
            if (evaluation.TryGetProperty("temperatureScaling", out var t) && t.ValueKind == JsonValueKind.Object)
            {
                temperature = t.TryGetProperty("scaler", out var scaler) && scaler.ValueKind == JsonValueKind.Object ? Num(scaler, "temperature") : null;
                after = t.TryGetProperty("after", out var a) && a.ValueKind == JsonValueKind.Object ? Num(a, "expectedCalibrationError") : null;
            }

            calibration = new CardCalibration(ece, Num(c, "maximumCalibrationError"), bins, temperature, after);
        }

        CardFairness? fairness = fromRun.Fairness;
        if (evaluation.TryGetProperty("fairness", out var fair) && fair.ValueKind == JsonValueKind.Object && Num(fair, "demographicParityDifference") is { } parity)
        {
            fairness = new CardFairness(Str(fair, "column") ?? "protected column", parity, Num(fair, "equalOpportunityDifference") ?? double.NaN, Num(fair, "equalizedOddsDifference"));
        }

        var robustness = ReadRobustness(root);
        return new ModelCardEvaluation(
            run.Info.RunId,
            run.Info.StartTime,
            dataset,
            ArtifactName,
            Str(evaluation, "task") ?? fromRun.Task,
            Num(evaluation, "rows") is { } rows ? (int)rows : null,
            Str(evaluation, "primaryMetric") ?? fromRun.PrimaryMetric,
            metrics,
            slices,
            calibration,
            fairness,
            robustness);
    }

    private static CardRobustness? ReadRobustness(JsonElement root)
    {
        var holder = FindWithProperty(root, "robustness", 3);
        if (holder is not { } h || !h.TryGetProperty("robustness", out var r) || r.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var adversarial = h.TryGetProperty("adversarial", out var a) && a.ValueKind == JsonValueKind.Object ? Points(a, "points") : [];
        var dropped = new List<FeatureDropResult>();
        if (r.TryGetProperty("droppedFeatures", out var d) && d.ValueKind == JsonValueKind.Array)
        {
            dropped.AddRange(d.EnumerateArray().Select(x => new FeatureDropResult(Str(x, "feature") ?? "?", Num(x, "value") ?? double.NaN, Num(x, "drop") ?? double.NaN)));
        }

        return new CardRobustness(Str(r, "metric") ?? "metric", Num(r, "cleanValue") ?? double.NaN, Points(r, "noise"), Points(r, "categorySwaps"), dropped, adversarial);
    }

    private static List<RobustnessPoint> Points(JsonElement owner, string name) =>
        owner.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray().Select(p => new RobustnessPoint(Num(p, "level") ?? Num(p, "epsilon") ?? double.NaN, Num(p, "value") ?? double.NaN, Num(p, "drop") ?? double.NaN)).ToList()
            : [];

    /// <summary>The first object (breadth-first, up to <paramref name="depth"/> levels) with a property named <paramref name="property"/>.</summary>
    private static JsonElement? FindWithProperty(JsonElement root, string property, int depth)
    {
        var level = new List<JsonElement> { root };
        for (var i = 0; i <= depth && level.Count > 0; i++)
        {
            var next = new List<JsonElement>();
            foreach (var element in level.Where(e => e.ValueKind == JsonValueKind.Object))
            {
                if (element.TryGetProperty(property, out var value) && value.ValueKind != JsonValueKind.Null)
                {
                    return element;
                }

                next.AddRange(element.EnumerateObject().Select(p => p.Value).Where(v => v.ValueKind == JsonValueKind.Object));
            }

            level = next;
        }

        return null;
    }

    private static CardSlice? ParseSlice(string key, double value)
    {
        // slice.COLUMN=VALUE.METRIC (the registry's per-slice gate convention).
        var body = key["slice.".Length..];
        var dot = body.LastIndexOf('.');
        var equals = body.IndexOf('=', StringComparison.Ordinal);
        if (dot <= 0 || equals <= 0 || equals > dot)
        {
            return null;
        }

        return new CardSlice(body[..equals], body[(equals + 1)..dot], 0, body[(dot + 1)..], value, null, null, null, false, null);
    }

    private static double? Interval(IReadOnlyDictionary<string, double> metrics, string key, string[] suffixes)
    {
        foreach (var suffix in suffixes)
        {
            if (metrics.TryGetValue(key + suffix, out var value) && !double.IsNaN(value))
            {
                return value;
            }
        }

        return null;
    }

    private static double? First(IReadOnlyDictionary<string, double> metrics, params string[] keys)
    {
        foreach (var key in keys)
        {
            if (metrics.TryGetValue(key, out var value) && !double.IsNaN(value))
            {
                return value;
            }
        }

        return null;
    }

    private static string? Str(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static double? Num(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? Number(value) : null;

    private static double? Number(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => value.GetDouble(),
        _ => null, // "NaN" and other named literals: undefined, left out.
    };
}
