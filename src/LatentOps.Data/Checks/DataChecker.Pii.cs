using LatentOps.Core.Tables;
using LatentOps.Data.Pii;

namespace LatentOps.Data.Checks;

public static partial class DataChecker
{
    private static IEnumerable<DataFinding> PiiFindings(Table table, DataCheckOptions options, CancellationToken cancellationToken)
    {
        if (options.PiiKinds.Count == 0)
        {
            yield break;
        }

        foreach (var found in PiiDetector.Scan(table, options.PiiKinds, cancellationToken))
        {
            var what = found.Kind switch
            {
                PiiKind.Email => "e-mail addresses",
                PiiKind.Phone => "phone numbers",
                PiiKind.PaymentCard => "payment card numbers (Luhn-valid)",
                PiiKind.Iban => "IBANs (check digits valid)",
                _ => "IP addresses",
            };
            var severity = found.Kind is PiiKind.PaymentCard or PiiKind.Iban ? FindingSeverity.Error : FindingSeverity.Warning;
            yield return Finding($"pii.{found.Kind.ToString().ToLowerInvariant()}", FindingCategory.Pii, severity,
                $"'{found.Column}' contains {what}: {Number(found.Matches)} in {Number(found.Rows)} rows ({Percent(found.RowShare)})",
                $"Personal data identifies people. Keeping it in training data risks a model memorising and repeating it, and may breach data-protection rules. " +
                $"If the model does not need it, make a redacted version with 'latentops data check NAME --redact' (values become {PiiDetector.Marker(found.Kind)}).",
                found.Column, new Dictionary<string, double> { ["matches"] = found.Matches, ["rows"] = found.Rows, ["rowShare"] = found.RowShare }, found.MaskedExamples);
        }
    }
}
