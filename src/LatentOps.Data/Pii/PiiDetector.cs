using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using LatentOps.Core.Tables;
using LatentOps.Data.Reading;

namespace LatentOps.Data.Pii;

/// <summary>
/// Finds personal data (e-mail addresses, phone numbers, Luhn-valid payment card numbers, mod-97-valid
/// IBANs, IP addresses) in every string column, and redacts it. Candidates come from regular
/// expressions; cards and IBANs are kept only when their check digits are valid, phones only with 9 to
/// 15 digits, which keeps dates, amounts and version numbers out.
/// </summary>
public static partial class PiiDetector
{
    private const int MaxExamples = 5;

    // Long digit runs first, so a card number is not half-replaced as a phone number.
    private static readonly PiiKind[] RedactionOrder = [PiiKind.PaymentCard, PiiKind.Iban, PiiKind.Email, PiiKind.IpAddress, PiiKind.Phone];

    /// <summary>The kinds looked for when none are given.</summary>
    public static IReadOnlyList<PiiKind> AllKinds { get; } = Enum.GetValues<PiiKind>();

    /// <summary>Scans every string column of <paramref name="table"/>; one finding per column and kind found.</summary>
    public static IReadOnlyList<PiiColumnFinding> Scan(Table table, IReadOnlyCollection<PiiKind>? kinds = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        kinds ??= AllKinds;
        var columns = table.Columns.OfType<StringColumn>().ToArray();
        var results = new List<PiiColumnFinding>[columns.Length];
        Parallel.For(0, columns.Length, new ParallelOptions { CancellationToken = cancellationToken }, c => results[c] = ScanColumn(columns[c], kinds));
        return [.. results.SelectMany(r => r)];
    }

    /// <summary>
    /// A copy of <paramref name="table"/> with every match in string columns replaced by a marker such as
    /// <c>[EMAIL]</c>; other columns are shared unchanged. Returns the table and how many values changed.
    /// </summary>
    public static (Table Table, int Replaced) Redact(Table table, IReadOnlyCollection<PiiKind>? kinds = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        kinds ??= AllKinds;
        var replaced = 0;
        var columns = new List<Column>(table.Columns.Count);
        foreach (var column in table.Columns)
        {
            if (column is not StringColumn strings)
            {
                columns.Add(column);
                continue;
            }

            var values = new string?[strings.Length];
            for (var i = 0; i < values.Length; i++)
            {
                var value = strings[i];
                if (value is null)
                {
                    continue;
                }

                var redacted = value;
                foreach (var kind in RedactionOrder.Where(kinds.Contains))
                {
                    redacted = Pattern(kind).Replace(redacted, m => IsValid(kind, m.Value) ? Marker(kind) : m.Value);
                }

                if (!ReferenceEquals(redacted, value) && redacted != value)
                {
                    replaced++;
                }

                values[i] = redacted;
            }

            columns.Add(new StringColumn(strings.Name, values, strings.Type));
        }

        return (new Table(columns), replaced);
    }

    /// <summary>The replacement marker for a kind, e.g. <c>[EMAIL]</c>.</summary>
    public static string Marker(PiiKind kind) => kind switch
    {
        PiiKind.Email => "[EMAIL]",
        PiiKind.Phone => "[PHONE]",
        PiiKind.PaymentCard => "[CARD]",
        PiiKind.Iban => "[IBAN]",
        _ => "[IP]",
    };

    /// <summary>A masked form of a match that shows its shape but not its content.</summary>
    public static string Mask(PiiKind kind, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        switch (kind)
        {
            case PiiKind.Email:
            {
                var at = value.IndexOf('@', StringComparison.Ordinal);
                var dot = value.LastIndexOf('.');
                return at <= 0 || dot <= at ? "***" : $"{value[0]}***@{value[at + 1]}***{value[dot..]}";
            }

            case PiiKind.PaymentCard:
            {
                var digits = Digits(value);
                return $"**** **** **** {digits[^4..]}";
            }

            case PiiKind.Iban:
            {
                var compact = value.Replace(" ", string.Empty, StringComparison.Ordinal);
                return $"{compact[..2]}** **** **** {compact[^4..]}";
            }

            case PiiKind.Phone:
            {
                var digits = Digits(value);
                return $"***-***-**{digits[^2..]}";
            }

            default:
                return value.Contains(':', StringComparison.Ordinal) ? $"{value[..value.IndexOf(':', StringComparison.Ordinal)]}:****" : $"{value[..value.IndexOf('.', StringComparison.Ordinal)]}.*.*.*";
        }
    }

    /// <summary>True when <paramref name="digits"/> (digits only) passes the Luhn check.</summary>
    public static bool PassesLuhn(string digits)
    {
        ArgumentNullException.ThrowIfNull(digits);
        var sum = 0;
        var doubleIt = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = digits[i] - '0';
            if (d is < 0 or > 9)
            {
                return false;
            }

            if (doubleIt)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            doubleIt = !doubleIt;
        }

        return digits.Length > 0 && sum % 10 == 0;
    }

    /// <summary>True when <paramref name="iban"/> (spaces allowed) passes the ISO 13616 mod-97 check.</summary>
    public static bool PassesIbanCheck(string iban)
    {
        ArgumentNullException.ThrowIfNull(iban);
        var compact = iban.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        if (compact.Length is < 15 or > 34)
        {
            return false;
        }

        var rearranged = compact[4..] + compact[..4];
        var remainder = 0;
        foreach (var c in rearranged)
        {
            if (char.IsAsciiDigit(c))
            {
                remainder = ((remainder * 10) + (c - '0')) % 97;
            }
            else if (char.IsAsciiLetterUpper(c))
            {
                var value = c - 'A' + 10;
                remainder = ((remainder * 100) + value) % 97;
            }
            else
            {
                return false;
            }
        }

        return remainder == 1;
    }

    private static List<PiiColumnFinding> ScanColumn(StringColumn column, IReadOnlyCollection<PiiKind> kinds)
    {
        var findings = new List<PiiColumnFinding>();
        var nonMissing = column.Length - column.MissingCount;
        foreach (var kind in kinds)
        {
            var pattern = Pattern(kind);
            int matches = 0, rows = 0;
            var examples = new List<string>();
            var seenValue = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var value in column.Strings())
            {
                if (value is null)
                {
                    continue;
                }

                // Categorical columns repeat values: scan each distinct value once.
                if (seenValue.TryGetValue(value, out var known))
                {
                    matches += known;
                    rows += known > 0 ? 1 : 0;
                    continue;
                }

                var inValue = 0;
                foreach (var match in pattern.EnumerateMatches(value))
                {
                    var text = value.Substring(match.Index, match.Length);
                    if (!IsValid(kind, text))
                    {
                        continue;
                    }

                    inValue++;
                    var masked = Mask(kind, text);
                    if (examples.Count < MaxExamples && !examples.Contains(masked))
                    {
                        examples.Add(masked);
                    }
                }

                if (seenValue.Count < 100_000 && value.Length < 256)
                {
                    seenValue[value] = inValue;
                }

                matches += inValue;
                rows += inValue > 0 ? 1 : 0;
            }

            if (matches > 0)
            {
                findings.Add(new PiiColumnFinding(column.Name, kind, matches, rows, nonMissing == 0 ? 0 : (double)rows / nonMissing, examples));
            }
        }

        return findings;
    }

    private static bool IsValid(PiiKind kind, string text) => kind switch
    {
        PiiKind.PaymentCard => Digits(text) is { Length: >= 13 and <= 19 } digits && PassesLuhn(digits) && digits.Distinct().Count() > 1,
        PiiKind.Iban => PassesIbanCheck(text),
        PiiKind.Phone => Digits(text).Length is >= 9 and <= 15,
        _ => true,
    };

    private static string Digits(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static Regex Pattern(PiiKind kind) => kind switch
    {
        PiiKind.Email => EmailPattern(),
        PiiKind.Phone => PhonePattern(),
        PiiKind.PaymentCard => CardPattern(),
        PiiKind.Iban => IbanPattern(),
        PiiKind.IpAddress => IpPattern(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, string.Create(CultureInfo.InvariantCulture, $"Unknown PII kind {(int)kind}.")),
    };

    [GeneratedRegex(@"(?<![\w.+%-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![\w-])", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"(?<![\w.+-])(?<!\d[ .-])(?:\+\d{1,3}[ .-]?)?(?:\(\d{2,4}\)[ .-]?|\d{2,4}[ .-])\d{3,4}[ .-]\d{3,4}(?![\w]|[ .-]?\d)", RegexOptions.CultureInvariant)]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])", RegexOptions.CultureInvariant)]
    private static partial Regex CardPattern();

    [GeneratedRegex(@"(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}(?![A-Za-z0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex IbanPattern();

    [GeneratedRegex(@"(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\d.]*\d)|(?<![:\w])(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}(?![:\w])", RegexOptions.CultureInvariant)]
    private static partial Regex IpPattern();
}
