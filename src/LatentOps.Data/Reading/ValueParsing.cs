using System.Globalization;

namespace LatentOps.Data.Reading;

/// <summary>The value grammars type inference recognises: numbers, booleans and dates (invariant culture).</summary>
internal static class ValueParsing
{
    /// <summary>The date and time layouts recognised, ISO 8601 first, then US month/day/year.</summary>
    public static readonly string[] DateFormats =
    [
        "yyyy-MM-dd", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm", "yyyy-MM-dd HH:mm",
        "yyyy-MM-ddTHH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-ddTHH:mm:ssK", "yyyy-MM-ddTHH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd HH:mm:ssK", "yyyy/MM/dd", "yyyy/MM/dd HH:mm:ss", "M/d/yyyy", "M/d/yyyy H:mm", "M/d/yyyy H:mm:ss",
    ];

    public static bool TryParseNumber(ReadOnlySpan<char> value, out double number, out bool integer)
    {
        value = value.Trim();
        integer = false;
        if (value.IsEmpty || !(char.IsAsciiDigit(value[0]) || value[0] is '-' or '+' or '.'))
        {
            number = 0;
            return false; // Rejects "Infinity", "NaN" and other words quickly.
        }

        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out number) || !double.IsFinite(number))
        {
            return false;
        }

        var digits = value[0] is '-' or '+' ? value[1..] : value;
        integer = digits.Length is > 0 and <= 15 && !digits.ContainsAnyExcept("0123456789");
        return true;
    }

    /// <summary>True for codes such as "007" or "02134" that look numeric but whose leading zeros matter.</summary>
    public static bool HasSignificantLeadingZero(ReadOnlySpan<char> value)
    {
        value = value.Trim();
        if (value.Length > 0 && value[0] is '-' or '+')
        {
            value = value[1..];
        }

        return value.Length >= 2 && value[0] == '0' && char.IsAsciiDigit(value[1]);
    }

    public static bool TryParseBoolean(ReadOnlySpan<char> value, out bool result)
    {
        value = value.Trim();
        if (value.Equals("true", StringComparison.OrdinalIgnoreCase) || value.Equals("yes", StringComparison.OrdinalIgnoreCase))
        {
            result = true;
            return true;
        }

        if (value.Equals("false", StringComparison.OrdinalIgnoreCase) || value.Equals("no", StringComparison.OrdinalIgnoreCase))
        {
            result = false;
            return true;
        }

        result = false;
        return false;
    }

    public static bool TryParseDate(ReadOnlySpan<char> value, out DateTime result)
    {
        value = value.Trim();
        if (value.Length is < 8 or > 40 || !char.IsAsciiDigit(value[0]))
        {
            result = default;
            return false;
        }

        if (!DateTime.TryParseExact(value, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out result))
        {
            return false;
        }

        result = ToStoredPrecision(result);
        return true;
    }

    /// <summary>UTC, truncated to whole microseconds (what Parquet timestamps keep), so a stored table reads back equal.</summary>
    public static DateTime ToStoredPrecision(DateTime value)
    {
        var utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;
        return new DateTime(utc.Ticks - (utc.Ticks % 10), DateTimeKind.Utc);
    }

    /// <summary>A lenient date parse for columns the user declared as dates (any invariant-culture form).</summary>
    public static bool TryParseDateLenient(ReadOnlySpan<char> value, out DateTime result)
    {
        if (TryParseDate(value, out result))
        {
            return true;
        }

        if (!DateTime.TryParse(value.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out result))
        {
            return false;
        }

        result = ToStoredPrecision(result);
        return true;
    }
}
