using System.Globalization;
using LatentOps.Insights.Analysis;
using LatentOps.Insights.Columns;
using LatentOps.Insights.Customers;

namespace LatentOps.Insights.Segments;

/// <summary>
/// Describes segments in plain words by what sets each apart from all customers: a category value that
/// is much more common in the segment (e.g. "mostly Corporate buyers"), and the numbers whose segment
/// mean is furthest from everyone's, measured in standard deviations (e.g. "high discount").
/// </summary>
internal static class SegmentDescriber
{
    /// <summary>A number is mentioned when the segment mean is at least this many standard deviations from everyone's.</summary>
    public const double NumericThreshold = 0.5;

    /// <summary>A category value is mentioned when it is at least this many times more common in the segment, and held by at least half of it.</summary>
    public const double CategoryLift = 1.25;

    private const int MaxNumericPhrases = 3;

    public static IReadOnlyList<CustomerSegment> Describe(SalesLines lines, CustomerProfiles profiles, double[][] embeddings, int[] labels, double[][] centroids)
    {
        var attributes = NumericAttributes(profiles);
        var totalSales = profiles.Spend.Sum();
        var segments = new List<CustomerSegment>();
        for (var s = 0; s < centroids.Length; s++)
        {
            var members = Enumerable.Range(0, profiles.Count).Where(i => labels[i] == s).ToArray();
            var traits = new List<SegmentTrait>();
            var categorical = new List<(SegmentTrait Trait, bool IsType)>();
            if (CategoryTrait("customer type", profiles.CustomerType, members, v => $"{v} buyers") is { } typeTrait)
            {
                categorical.Add((typeTrait, true));
            }

            if (CategoryTrait("region", profiles.Region, members, v => $"in the {v} region") is { } regionTrait)
            {
                categorical.Add((regionTrait, false));
            }

            var numeric = new List<SegmentTrait>();
            foreach (var attribute in attributes)
            {
                var all = attribute.Score;
                var mean = all.Average();
                var std = Math.Sqrt(all.Sum(v => (v - mean) * (v - mean)) / all.Length);
                if (std < 1e-12)
                {
                    continue;
                }

                var segmentMean = members.Average(i => all[i]);
                var effect = (segmentMean - mean) / std;
                if (Math.Abs(effect) < NumericThreshold)
                {
                    continue;
                }

                var phrase = effect > 0 ? attribute.High : attribute.Low;
                var rawSegment = members.Average(i => attribute.Display[i]);
                if (attribute.Name == "profit margin" && rawSegment < 0)
                {
                    phrase = "loss-making";
                }

                numeric.Add(new SegmentTrait(attribute.Name, phrase, attribute.Format(rawSegment), attribute.Format(attribute.Display.Average()), Math.Round(effect, 3)));
            }

            numeric = [.. numeric.OrderByDescending(t => Math.Abs(t.Strength)).Take(MaxNumericPhrases)];
            traits.AddRange(categorical.Select(c => c.Trait));
            traits.AddRange(numeric);

            var description = Sentence(categorical, numeric);
            var shortName = numeric.Count > 0
                ? string.Join(", ", numeric.Take(2).Select(t => t.Phrase))
                : categorical.Count > 0 ? categorical[0].Trait.Phrase : "typical customers";
            var memberSet = members.ToHashSet();
            var segmentLines = Enumerable.Range(0, lines.Count).Where(l => memberSet.Contains(profiles.LineCustomer[l])).ToArray();
            var segmentSales = members.Sum(i => profiles.Spend[i]);
            var segmentProfit = members.Sum(i => profiles.Profit[i]);
            var examples = members.OrderBy(i => KMeans.Distance2(embeddings[i], centroids[s])).ThenBy(i => profiles.Ids[i], StringComparer.Ordinal).Take(3).Select(i => profiles.Ids[i]).ToArray();
            segments.Add(new CustomerSegment(
                s + 1,
                $"Segment {s + 1}: {shortName}",
                description,
                members.Length,
                Math.Round((double)members.Length / profiles.Count, 4),
                Math.Round(segmentSales, 2),
                totalSales == 0 ? 0 : Math.Round(segmentSales / totalSales, 4),
                Math.Round(segmentSales / members.Length, 2),
                Math.Round(members.Average(i => profiles.Orders[i]), 2),
                segmentLines.Length == 0 ? 0 : Math.Round(segmentLines.Average(l => lines.Discount[l]), 4),
                profiles.HasProfit && segmentSales != 0 ? Math.Round(segmentProfit / segmentSales, 4) : null,
                Top(members.Select(i => profiles.CustomerType[i])),
                Top(members.Select(i => profiles.Region[i])),
                Top(segmentLines.Where(l => lines.Category[l] is not null).Select(l => lines.Category[l]), segmentLines.Where(l => lines.Category[l] is not null).Select(l => lines.Sales[l])),
                traits,
                examples));
        }

        return segments;
    }

    private static string Sentence(List<(SegmentTrait Trait, bool IsType)> categorical, List<SegmentTrait> numeric)
    {
        var who = string.Empty;
        var type = categorical.FirstOrDefault(c => c.IsType).Trait;
        var region = categorical.FirstOrDefault(c => !c.IsType).Trait;
        if (type is not null && region is not null)
        {
            who = $"{type.Phrase} {region.Phrase.Replace("mostly ", string.Empty, StringComparison.Ordinal).Replace("almost all ", string.Empty, StringComparison.Ordinal)}";
        }
        else if (type is not null)
        {
            who = type.Phrase;
        }
        else if (region is not null)
        {
            who = region.Phrase.StartsWith("mostly", StringComparison.Ordinal) || region.Phrase.StartsWith("almost", StringComparison.Ordinal)
                ? $"customers {region.Phrase}"
                : region.Phrase;
        }

        var what = string.Join(", ", numeric.Select(t => t.Phrase));
        var text = (who.Length, what.Length) switch
        {
            (0, 0) => "close to the average customer on everything measured",
            (0, _) => what,
            (_, 0) => who,
            _ => $"{who}; {what}",
        };
        return char.ToUpperInvariant(text[0]) + text[1..] + ".";
    }

    private static SegmentTrait? CategoryTrait(string attribute, string?[] values, int[] members, Func<string, string> words)
    {
        var known = values.Count(v => v is not null);
        if (known == 0)
        {
            return null;
        }

        var overall = values.Where(v => v is not null).GroupBy(v => v!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (double)g.Count() / known, StringComparer.Ordinal);
        var inSegment = members.Select(i => values[i]).Where(v => v is not null).ToArray();
        if (inSegment.Length == 0)
        {
            return null;
        }

        var top = inSegment.GroupBy(v => v!, StringComparer.Ordinal)
            .Select(g => (Value: g.Key, Share: (double)g.Count() / inSegment.Length))
            .OrderByDescending(p => p.Share).ThenBy(p => p.Value, StringComparer.Ordinal).First();
        var lift = top.Share / overall[top.Value];
        if (top.Share < 0.5 || lift < CategoryLift)
        {
            return null;
        }

        var quantifier = top.Share >= 0.9 ? "almost all" : "mostly";
        return new SegmentTrait(
            attribute,
            $"{quantifier} {words(top.Value)}",
            string.Create(CultureInfo.InvariantCulture, $"{top.Value}: {top.Share:0%}"),
            string.Create(CultureInfo.InvariantCulture, $"{top.Value}: {overall[top.Value]:0%}"),
            Math.Round(lift, 3));
    }

    private static string? Top(IEnumerable<string?> values) =>
        values.Where(v => v is not null).GroupBy(v => v!, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).FirstOrDefault();

    private static string? Top(IEnumerable<string?> values, IEnumerable<double> weights) =>
        values.Zip(weights).GroupBy(p => p.First!, StringComparer.Ordinal).OrderByDescending(g => g.Sum(p => p.Second)).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).FirstOrDefault();

    private static List<NumericAttribute> NumericAttributes(CustomerProfiles p)
    {
        static string Money(double v) => v.ToString("$#,##0", CultureInfo.InvariantCulture);
        static string Percent(double v) => v.ToString("0%", CultureInfo.InvariantCulture);
        static string Number(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
        var list = new List<NumericAttribute>
        {
            new("spend per customer", "big spenders", "small spenders", Log(p.Spend), p.Spend, Money),
            new("number of orders", "frequent buyers", "occasional buyers", Log(p.Orders), p.Orders, Number),
            new("average order size", "large orders", "small orders", Log(p.AverageOrderValue), p.AverageOrderValue, Money),
            new("products per order", "many products per order", "few products per order", p.ItemsPerOrder, p.ItemsPerOrder, Number),
            new("average discount", "high discount", "low discount", p.AverageDiscount, p.AverageDiscount, Percent),
        };
        if (p.HasProfit)
        {
            list.Add(new("profit margin", "high profit", "low profit", p.ProfitMargin, p.ProfitMargin, Percent));
        }

        if (p.HasDate)
        {
            list.Add(new("days since last order", "not seen for a while", "bought recently", p.DaysSinceLastOrder, p.DaysSinceLastOrder, v => $"{v:0} days"));
        }

        for (var k = 0; k < p.CategoryNames.Length; k++)
        {
            var kk = k;
            var share = p.CategoryShare.Select(row => row[kk]).ToArray();
            list.Add(new($"share of spend on {p.CategoryNames[k]}", $"buy a lot of {p.CategoryNames[k]}", $"buy little {p.CategoryNames[k]}", share, share, Percent));
        }

        return list;
    }

    private static double[] Log(double[] values) => [.. values.Select(v => Math.Log(1 + Math.Max(v, 0)))];

    private sealed record NumericAttribute(string Name, string High, string Low, double[] Score, double[] Display, Func<double, string> Format);
}
