using System.Globalization;
using LatentOps.Core.Errors;

namespace LatentOps.Store.Registry;

/// <summary>
/// One promotion gate (MLflow's MetricThreshold, generalised). Exactly one of <see cref="Metric"/>,
/// <see cref="MetricPrefix"/> or <see cref="Tag"/> names what is checked:
/// <list type="bullet">
/// <item><c>{"metric": "eceError", "max": 0.05}</c>: an absolute bound (<see cref="Min"/> and/or <see cref="Max"/>).</item>
/// <item><c>{"metric": "aucScore", "vsChampion": true, "tolerance": 0.005}</c>: no worse than the alias's current holder by more than the tolerance.</item>
/// <item><c>{"metricPrefix": "slice.", "vsChampion": true, "tolerance": 0.02}</c>: the same, for every metric with the prefix (slices).</item>
/// <item><c>{"tag": "dataChecks", "equals": "passed"}</c>: a run tag must have this value (data checks clean).</item>
/// </list>
/// Direction: names ending in <c>Loss</c> or <c>Error</c> are lower-is-better, others higher-is-better,
/// unless <see cref="HigherIsBetter"/> says otherwise.
/// </summary>
public sealed class GateRule
{
    /// <summary>The metric checked. The default is none.</summary>
    public string? Metric { get; init; }

    /// <summary>Check every metric whose name starts with this (e.g. slice metrics). The default is none.</summary>
    public string? MetricPrefix { get; init; }

    /// <summary>The lowest allowed value. The default is no bound.</summary>
    public double? Min { get; init; }

    /// <summary>The highest allowed value. The default is no bound.</summary>
    public double? Max { get; init; }

    /// <summary>Compare against the current holder of the alias. The default is false.</summary>
    public bool VsChampion { get; init; }

    /// <summary>How much worse than the champion is allowed. The default is 0.005; allowed 0 or more.</summary>
    public double Tolerance { get; init; } = 0.005;

    /// <summary>Overrides the direction inferred from the name. The default is inferred.</summary>
    public bool? HigherIsBetter { get; init; }

    /// <summary>A run tag that must equal <see cref="EqualsValue"/>. The default is none.</summary>
    public string? Tag { get; init; }

    /// <summary>The value <see cref="Tag"/> must have.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("equals")]
    public string? EqualsValue { get; init; }

    /// <summary>Throws <c>InvalidInput</c> naming the rule and field when the rule is malformed.</summary>
    public void Validate(string where)
    {
        var targets = (Metric is null ? 0 : 1) + (MetricPrefix is null ? 0 : 1) + (Tag is null ? 0 : 1);
        if (targets != 1)
        {
            throw LatentOpsException.InvalidInput($"{where}: give exactly one of \"metric\", \"metricPrefix\" or \"tag\".");
        }

        if (Tag is not null && EqualsValue is null)
        {
            throw LatentOpsException.InvalidInput($"{where}: a \"tag\" rule needs \"equals\" (the value the tag must have).");
        }

        if (Tag is null && Min is null && Max is null && !VsChampion)
        {
            throw LatentOpsException.InvalidInput($"{where}: a metric rule needs \"min\", \"max\" or \"vsChampion\": true.");
        }

        if (double.IsNaN(Tolerance) || Tolerance < 0)
        {
            throw LatentOpsException.InvalidInput($"{where}: \"tolerance\" is {Tolerance.ToString(CultureInfo.InvariantCulture)}; allowed 0 or more.");
        }

        if (Min is { } min && Max is { } max && min > max)
        {
            throw LatentOpsException.InvalidInput($"{where}: \"min\" {min.ToString(CultureInfo.InvariantCulture)} is above \"max\" {max.ToString(CultureInfo.InvariantCulture)}.");
        }
    }

    /// <summary>True when a higher value of <paramref name="metric"/> is better under this rule.</summary>
    public bool IsHigherBetter(string metric) =>
        HigherIsBetter ?? !(metric.EndsWith("Loss", StringComparison.Ordinal) || metric.EndsWith("Error", StringComparison.Ordinal));
}
