using System.Globalization;

namespace LatentOps.Dashboard.Layout;

/// <summary>How numbers, shares and times read on every page (invariant culture, UTC).</summary>
public static class Format
{
    /// <summary>A whole number with thousands separators.</summary>
    public static string Count(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    /// <summary>A metric value with up to 4 decimals; "n/a" for NaN.</summary>
    public static string Number(double value) => double.IsNaN(value) ? "n/a" : value.ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>A share (0..1) as a percentage.</summary>
    public static string Percent(double share) => double.IsNaN(share) ? "n/a" : share.ToString("0.#%", CultureInfo.InvariantCulture);

    /// <summary>A time in UTC, to the minute.</summary>
    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
