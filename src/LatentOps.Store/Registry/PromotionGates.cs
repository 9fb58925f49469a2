using System.Globalization;
using System.Text.Json;
using LatentOps.Core.Errors;
using LatentOps.Core.Serialization;

namespace LatentOps.Store.Registry;

/// <summary>
/// The promotion gates of a workspace, read from <c>config.json</c> in the workspace folder
/// (<c>{"registry": {"gates": [ ... ]}}</c>, see <see cref="GateRule"/> and docs/store.md).
/// With no file or no gates, promotion only checks that the version exists.
/// </summary>
public sealed class PromotionGates
{
    /// <summary>The workspace configuration file name.</summary>
    public const string ConfigFileName = "config.json";

    /// <summary>Creates gates from rules (validated).</summary>
    public PromotionGates(IReadOnlyList<GateRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        for (var i = 0; i < rules.Count; i++)
        {
            rules[i].Validate($"registry.gates[{i}]");
        }

        Rules = rules;
    }

    /// <summary>No gates.</summary>
    public static PromotionGates None { get; } = new([]);

    /// <summary>The rules, in order.</summary>
    public IReadOnlyList<GateRule> Rules { get; }

    /// <summary>Reads the gates from <c>config.json</c> in <paramref name="workspaceRoot"/>; none when the file is absent.</summary>
    /// <exception cref="LatentOpsException"><c>InvalidInput</c> naming the file and the bad field.</exception>
    public static PromotionGates Load(string workspaceRoot)
    {
        var path = Path.Combine(workspaceRoot, ConfigFileName);
        if (!File.Exists(path))
        {
            return None;
        }

        ConfigFile? config;
        try
        {
            config = JsonSerializer.Deserialize<ConfigFile>(File.ReadAllText(path), LatentOpsJson.Options);
        }
        catch (JsonException ex)
        {
            throw LatentOpsException.InvalidInput($"The workspace config '{path}' is not valid JSON at {ex.Path ?? "$"} (line {(ex.LineNumber ?? 0) + 1}): {ex.Message}", ex);
        }

        try
        {
            return new PromotionGates(config?.Registry?.Gates ?? []);
        }
        catch (LatentOpsException ex)
        {
            throw LatentOpsException.InvalidInput($"The workspace config '{path}': {ex.Message}");
        }
    }

    /// <summary>Checks a candidate's metrics and tags against the rules and the champion's metrics.</summary>
    public IReadOnlyList<GateResult> Evaluate(
        IReadOnlyDictionary<string, double> candidate,
        IReadOnlyDictionary<string, string> candidateTags,
        IReadOnlyDictionary<string, double>? champion,
        string championLabel = "champion")
    {
        var results = new List<GateResult>();
        foreach (var rule in Rules)
        {
            if (rule.Tag is { } tag)
            {
                var actual = candidateTags.GetValueOrDefault(tag);
                results.Add(new GateResult(
                    $"tag {tag} = '{rule.EqualsValue}'",
                    string.Equals(actual, rule.EqualsValue, StringComparison.Ordinal),
                    actual is null ? $"tag {tag} is not set on the candidate's run" : $"tag {tag} is '{actual}'"));
                continue;
            }

            var metrics = rule.Metric is { } one
                ? [one]
                : candidate.Keys.Concat(champion?.Keys ?? []).Where(k => k.StartsWith(rule.MetricPrefix!, StringComparison.Ordinal)).Distinct().Order(StringComparer.Ordinal).ToList();
            if (metrics.Count == 0)
            {
                results.Add(new GateResult($"metrics {rule.MetricPrefix}*", false, $"no metric starting with '{rule.MetricPrefix}' was logged on the candidate's run"));
            }

            foreach (var metric in metrics)
            {
                EvaluateMetric(rule, metric, candidate, champion, championLabel, results);
            }
        }

        return results;
    }

    private static void EvaluateMetric(GateRule rule, string metric, IReadOnlyDictionary<string, double> candidate, IReadOnlyDictionary<string, double>? champion, string championLabel, List<GateResult> results)
    {
        var has = candidate.TryGetValue(metric, out var value) && !double.IsNaN(value);
        if (rule.Min is { } min)
        {
            results.Add(has
                ? new GateResult($"{metric} >= {F(min)}", value >= min, $"{metric} = {F(value)}", value, min)
                : Missing($"{metric} >= {F(min)}", metric));
        }

        if (rule.Max is { } max)
        {
            results.Add(has
                ? new GateResult($"{metric} <= {F(max)}", value <= max, $"{metric} = {F(value)}", value, max)
                : Missing($"{metric} <= {F(max)}", metric));
        }

        if (!rule.VsChampion)
        {
            return;
        }

        var higher = rule.IsHigherBetter(metric);
        var text = higher ? $"{metric} >= {championLabel} - {F(rule.Tolerance)}" : $"{metric} <= {championLabel} + {F(rule.Tolerance)}";
        if (champion is null)
        {
            results.Add(new GateResult(text, true, $"no current {championLabel}: nothing to compare with", has ? value : null));
        }
        else if (!champion.TryGetValue(metric, out var reference) || double.IsNaN(reference))
        {
            results.Add(new GateResult(text, true, $"the {championLabel} has no {metric}: nothing to compare with", has ? value : null));
        }
        else if (!has)
        {
            results.Add(Missing(text, metric));
        }
        else
        {
            var threshold = higher ? reference - rule.Tolerance : reference + rule.Tolerance;
            var passed = higher ? value >= threshold : value <= threshold;
            results.Add(new GateResult(text, passed, $"{metric} = {F(value)}, {championLabel} {F(reference)}, threshold {F(threshold)}", value, threshold));
        }
    }

    private static GateResult Missing(string rule, string metric) => new(rule, false, $"{metric} was not logged on the candidate's run");

    private static string F(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    private sealed class ConfigFile
    {
        public RegistrySection? Registry { get; init; }
    }

    private sealed class RegistrySection
    {
        public List<GateRule>? Gates { get; init; }
    }
}
