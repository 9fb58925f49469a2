using System.Globalization;

namespace LatentOps.Store.Database;

/// <summary>
/// Timestamps as stored: ISO-8601 UTC text of fixed width (<c>yyyy-MM-ddTHH:mm:ss.fffffffZ</c>), so
/// comparing the text compares the times on both dialects.
/// </summary>
public static class StoreTime
{
    private const string Pattern = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    /// <summary>Formats a time for storage.</summary>
    public static string Format(DateTimeOffset time) => time.UtcDateTime.ToString(Pattern, CultureInfo.InvariantCulture);

    /// <summary>Parses a stored time.</summary>
    public static DateTimeOffset Parse(string text) =>
        DateTimeOffset.ParseExact(text, Pattern, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
