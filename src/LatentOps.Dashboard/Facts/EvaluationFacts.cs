using System.Globalization;
using System.Text.Json;
using LatentOps.Store.Tracking;
using LatentOps.Store.Workspaces;

namespace LatentOps.Dashboard.Facts;

/// <summary>
/// What a model page shows from an evaluation run's <c>evaluation.json</c> (the serialized
/// ModelEvaluationResult, or a bare EvaluationResult): reliability bins and slices. Read as JSON so a
/// field the page does not use never breaks it.
/// </summary>
internal sealed record EvaluationFacts(IReadOnlyList<EvaluationFacts.Bin> Bins, IReadOnlyList<EvaluationFacts.Slice> Slices, double? ExpectedCalibrationError, string? PrimaryMetric)
{
    public static EvaluationFacts Empty { get; } = new([], [], null, null);

    /// <summary>Reads <c>evaluation.json</c> of <paramref name="run"/>, or <see cref="Empty"/> when it has none or it cannot be read.</summary>
    public static async Task<EvaluationFacts> ReadAsync(Workspace workspace, Run run, CancellationToken cancellationToken)
    {
        var artifact = run.Artifacts.FirstOrDefault(a => a.Path == TrackingTags.EvaluationArtifact);
        if (artifact is null || !workspace.Artifacts.Exists(artifact.Hash))
        {
            return Empty;
        }

        await using var stream = workspace.Artifacts.OpenRead(artifact.Hash);
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return Empty;
        }

        using (document)
        {
            var root = document.RootElement;
            var evaluation = root.TryGetProperty("evaluation", out var nested) && nested.ValueKind == JsonValueKind.Object ? nested : root;
            var bins = new List<Bin>();
            double? ece = null;
            if (evaluation.TryGetProperty("calibration", out var calibration) && calibration.ValueKind == JsonValueKind.Object)
            {
                ece = Number(calibration, "expectedCalibrationError");
                if (calibration.TryGetProperty("bins", out var binArray) && binArray.ValueKind == JsonValueKind.Array)
                {
                    foreach (var bin in binArray.EnumerateArray())
                    {
                        bins.Add(new Bin(Number(bin, "lower") ?? 0, Number(bin, "upper") ?? 0, (int)(Number(bin, "count") ?? 0), Number(bin, "meanConfidence") ?? double.NaN, Number(bin, "accuracy") ?? double.NaN));
                    }
                }
            }

            var slices = new List<Slice>();
            if (evaluation.TryGetProperty("slices", out var byColumn) && byColumn.ValueKind == JsonValueKind.Object)
            {
                foreach (var column in byColumn.EnumerateObject())
                {
                    if (column.Value.ValueKind != JsonValueKind.Array)
                    {
                        continue;
                    }

                    foreach (var slice in column.Value.EnumerateArray())
                    {
                        var estimate = slice.TryGetProperty("estimate", out var e) ? e : default;
                        slices.Add(new Slice(
                            column.Name,
                            Text(slice, "value") ?? string.Empty,
                            (int)(Number(slice, "rows") ?? 0),
                            Text(slice, "metric") ?? string.Empty,
                            estimate.ValueKind == JsonValueKind.Object ? Number(estimate, "value") ?? double.NaN : double.NaN,
                            estimate.ValueKind == JsonValueKind.Object ? Number(estimate, "lower") ?? double.NaN : double.NaN,
                            estimate.ValueKind == JsonValueKind.Object ? Number(estimate, "upper") ?? double.NaN : double.NaN,
                            Number(slice, "restValue") ?? double.NaN,
                            slice.TryGetProperty("flagged", out var flagged) && flagged.ValueKind == JsonValueKind.True));
                    }
                }
            }

            return new EvaluationFacts(bins, slices, ece, Text(evaluation, "primaryMetric"));
        }
    }

    private static double? Number(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number => value.GetDouble(),
            JsonValueKind.String when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        };
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>One bin of the reliability diagram.</summary>
    internal sealed record Bin(double Lower, double Upper, int Count, double MeanConfidence, double Accuracy);

    /// <summary>The metric on one slice (rows sharing a column value) beside the rest of the rows.</summary>
    internal sealed record Slice(string Column, string Value, int Rows, string Metric, double Value_, double Lower, double Upper, double Rest, bool Flagged);
}
