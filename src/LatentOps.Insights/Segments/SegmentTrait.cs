namespace LatentOps.Insights.Segments;

/// <summary>One way a segment differs from all customers.</summary>
/// <param name="Attribute">The attribute in plain words, e.g. "average discount" or "customer type".</param>
/// <param name="Phrase">The words used in the description, e.g. "high discount" or "mostly Corporate buyers".</param>
/// <param name="SegmentValue">The segment's value, formatted (e.g. "31%", "$1,204", "Corporate: 72%").</param>
/// <param name="OverallValue">The same for all customers.</param>
/// <param name="Strength">
/// How strongly it differs: for numbers, the difference of means in standard deviations of all customers
/// (signed); for a category, how many times more common the value is in the segment than overall.
/// </param>
public sealed record SegmentTrait(string Attribute, string Phrase, string SegmentValue, string OverallValue, double Strength);
