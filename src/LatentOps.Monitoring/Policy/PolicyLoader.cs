using System.Globalization;
using System.Text.Json;
using LatentOps.Core.Errors;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace LatentOps.Monitoring.Policy;

/// <summary>Reads and validates a retraining policy file (YAML, or JSON when the file ends in .json).</summary>
public static class PolicyLoader
{
    /// <summary>Reads <paramref name="path"/>; <see cref="ErrorCode.NotFound"/> or <see cref="ErrorCode.InvalidInput"/> naming the file and field otherwise.</summary>
    public static RetrainingPolicy Load(string path)
    {
        if (!File.Exists(path))
        {
            throw LatentOpsException.NotFound($"Policy file '{path}' does not exist.");
        }

        var text = File.ReadAllText(path);
        var policy = path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? ParseJson(text, path) : ParseYaml(text, path);
        policy.Source = Path.GetFileName(path);
        return policy;
    }

    /// <summary>Parses YAML (camelCase keys; unknown keys are errors).</summary>
    public static RetrainingPolicy ParseYaml(string yaml, string source = "policy")
    {
        var deserializer = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build();
        RetrainingPolicy? policy;
        try
        {
            policy = deserializer.Deserialize<RetrainingPolicy>(yaml);
        }
        catch (YamlException ex)
        {
            var inner = ex.InnerException?.Message ?? ex.Message;
            throw LatentOpsException.InvalidInput($"{source}, line {ex.Start.Line}, column {ex.Start.Column}: {inner}", ex);
        }

        return Validate(policy ?? throw LatentOpsException.InvalidInput($"{source} is empty; it needs at least 'model:'."), source);
    }

    /// <summary>Parses JSON (camelCase keys; unknown keys are errors).</summary>
    public static RetrainingPolicy ParseJson(string json, string source = "policy")
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
            ReadCommentHandling = JsonCommentHandling.Skip,
        };
        try
        {
            var policy = JsonSerializer.Deserialize<RetrainingPolicy>(json, options);
            return Validate(policy ?? throw LatentOpsException.InvalidInput($"{source} is empty."), source);
        }
        catch (JsonException ex)
        {
            throw LatentOpsException.InvalidInput($"{source}: {ex.Message}", ex);
        }
    }

    /// <summary>Checks every field, naming the bad one and the allowed range.</summary>
    public static RetrainingPolicy Validate(RetrainingPolicy policy, string source = "policy")
    {
        ArgumentNullException.ThrowIfNull(policy);
        void Fail(string field, string value, string allowed) =>
            throw LatentOpsException.InvalidInput($"{source}: {field} = {value} is not allowed; allowed: {allowed}.");
        static string F(double v) => v.ToString(CultureInfo.InvariantCulture);

        if (string.IsNullOrWhiteSpace(policy.Model))
        {
            Fail("model", "(empty)", "the name of a registered model");
        }

        if (string.IsNullOrWhiteSpace(policy.Alias))
        {
            Fail("alias", "(empty)", "an alias name such as champion");
        }

        if (ParseDuration(policy.Window) is null && !(int.TryParse(policy.Window, NumberStyles.None, CultureInfo.InvariantCulture, out var requests) && requests >= 1))
        {
            Fail("window", $"'{policy.Window}'", "a duration such as 1d or 12h, or a number of most recent requests (1 or more)");
        }

        if (policy.Data is { } data && string.IsNullOrWhiteSpace(data))
        {
            Fail("data", "(empty)", "a dataset NAME or NAME:VERSION");
        }

        if (policy.Rules.EmbeddingDriftPValue is { } p && !(p > 0 && p < 1))
        {
            Fail("rules.embeddingDriftPValue", F(p), "(0, 1)");
        }

        if (policy.Rules.EstimatedAccuracyDrop is { } e && !(e >= 0 && e < 1))
        {
            Fail("rules.estimatedAccuracyDrop", F(e), "[0, 1)");
        }

        if (policy.Rules.RealisedAccuracyDrop is { } r && !(r >= 0 && r < 1))
        {
            Fail("rules.realisedAccuracyDrop", F(r), "[0, 1)");
        }

        if (policy.Rules.MinimumNewRows < 0)
        {
            Fail("rules.minimumNewRows", policy.Rules.MinimumNewRows.ToString(CultureInfo.InvariantCulture), ">= 0");
        }

        if (policy.Rules.Schedule is { } s && ParseDuration(s) is null)
        {
            Fail("rules.schedule", $"'{s}'", "a duration such as 7d, 12h, 30m or 1.02:00:00");
        }

        if (!PromotionPolicy.Metrics.Contains(policy.Promotion.Metric, StringComparer.Ordinal))
        {
            Fail("promotion.metric", $"'{policy.Promotion.Metric}'", string.Join(", ", PromotionPolicy.Metrics));
        }

        if (policy.TrainingData is not ("combined" or "current"))
        {
            Fail("trainingData", $"'{policy.TrainingData}'", "combined (the champion's training data + the new data) or current (the new data only)");
        }

        if (!(policy.Promotion.MinimumImprovement >= -1 && policy.Promotion.MinimumImprovement < 1))
        {
            Fail("promotion.minimumImprovement", F(policy.Promotion.MinimumImprovement), "[-1, 1)");
        }

        if (policy.Rollback.RealisedAccuracyDrop is { } rb && !(rb >= 0 && rb < 1))
        {
            Fail("rollback.realisedAccuracyDrop", F(rb), "[0, 1)");
        }

        if (policy.Rollback.MinimumLabelledRows < 1)
        {
            Fail("rollback.minimumLabelledRows", policy.Rollback.MinimumLabelledRows.ToString(CultureInfo.InvariantCulture), ">= 1");
        }

        return policy;
    }

    /// <summary><c>7d</c>, <c>12h</c>, <c>30m</c>, <c>45s</c> or a .NET TimeSpan (<c>1.02:00:00</c>); null when not a positive duration.</summary>
    public static TimeSpan? ParseDuration(string text)
    {
        text = text.Trim();
        if (text.Length >= 2 && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && amount > 0)
        {
            TimeSpan? unit = char.ToLowerInvariant(text[^1]) switch
            {
                'd' => TimeSpan.FromDays(amount),
                'h' => TimeSpan.FromHours(amount),
                'm' => TimeSpan.FromMinutes(amount),
                's' => TimeSpan.FromSeconds(amount),
                _ => null,
            };
            if (unit is not null)
            {
                return unit;
            }
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero ? span : null;
    }
}
