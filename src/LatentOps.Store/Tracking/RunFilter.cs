using System.Globalization;
using System.Text.RegularExpressions;
using LatentOps.Core.Errors;

namespace LatentOps.Store.Tracking;

/// <summary>A parsed <see cref="RunQuery.Filter"/>: conditions joined by <c>and</c>.</summary>
internal sealed partial class RunFilter
{
    private readonly List<Condition> _conditions;

    private RunFilter(List<Condition> conditions) => _conditions = conditions;

    public static RunFilter Parse(string? text)
    {
        var conditions = new List<Condition>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return new RunFilter(conditions);
        }

        foreach (var part in AndSplit().Split(text.Trim()))
        {
            var match = ConditionPattern().Match(part.Trim());
            if (!match.Success)
            {
                throw LatentOpsException.InvalidInput(
                    $"Filter condition '{part.Trim()}' is not understood: use metrics.KEY OP NUMBER, params.KEY = 'TEXT', tags.KEY != 'TEXT' or attributes.name = 'TEXT', " +
                    "with OP one of = != < <= > >=, joined by 'and'.");
            }

            var kind = match.Groups["kind"].Value.ToLowerInvariant();
            var key = match.Groups["key"].Value.Trim('`', '"');
            var op = match.Groups["op"].Value;
            var raw = match.Groups["value"].Value.Trim();
            var quoted = raw.Length >= 2 && (raw[0] == '\'' || raw[0] == '"') && raw[^1] == raw[0];
            var value = quoted ? raw[1..^1] : raw;
            if (kind == "metrics")
            {
                if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                {
                    throw LatentOpsException.InvalidInput($"Filter condition '{part.Trim()}': metrics compare with a number, not '{raw}'.");
                }

                conditions.Add(new Condition(kind, key, op, value, number));
            }
            else
            {
                if (op is not ("=" or "!="))
                {
                    throw LatentOpsException.InvalidInput($"Filter condition '{part.Trim()}': {kind} compare as text with = or != only.");
                }

                conditions.Add(new Condition(kind, key, op, value, double.NaN));
            }
        }

        return new RunFilter(conditions);
    }

    public bool Matches(Run run) => _conditions.All(c => c.Matches(run));

    [GeneratedRegex(@"\s+and\s+", RegexOptions.IgnoreCase)]
    private static partial Regex AndSplit();

    [GeneratedRegex(@"^(?<kind>metrics|params|tags|attributes)\.(?<key>`[^`]+`|""[^""]+""|[^\s=!<>]+)\s*(?<op>!=|>=|<=|=|<|>)\s*(?<value>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex ConditionPattern();

    private sealed record Condition(string Kind, string Key, string Op, string Text, double Number)
    {
        public bool Matches(Run run)
        {
            switch (Kind)
            {
                case "metrics":
                    if (!run.Metrics.TryGetValue(Key, out var metric) || double.IsNaN(metric))
                    {
                        return false;
                    }

                    return Op switch
                    {
                        "=" => metric == Number,
                        "!=" => metric != Number,
                        "<" => metric < Number,
                        "<=" => metric <= Number,
                        ">" => metric > Number,
                        _ => metric >= Number,
                    };
                default:
                    var actual = Kind switch
                    {
                        "params" => run.Params.GetValueOrDefault(Key),
                        "tags" => run.Tags.GetValueOrDefault(Key),
                        _ => Key.ToLowerInvariant() switch
                        {
                            "name" => run.Info.Name,
                            "status" => TrackingStore.StatusText(run.Info.Status),
                            "experiment" => run.Info.Experiment,
                            "run_id" => run.Info.RunId,
                            _ => throw LatentOpsException.InvalidInput($"Filter attribute '{Key}' is unknown: use name, status, experiment or run_id."),
                        },
                    };
                    var equal = string.Equals(actual, Text, StringComparison.Ordinal);
                    return Op == "=" ? equal : actual is not null && !equal;
            }
        }
    }
}
