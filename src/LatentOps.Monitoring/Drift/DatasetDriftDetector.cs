using LatentOps.Core.Errors;
using LatentOps.Core.Tables;

namespace LatentOps.Monitoring.Drift;

/// <summary>
/// Tests every shared numeric and categorical column of two tables, applies Bonferroni to the p-value
/// tests and calls dataset drift when the share of drifted columns reaches the threshold.
/// </summary>
public sealed class DatasetDriftDetector
{
    private readonly DatasetDriftOptions _options;

    /// <summary>Creates the detector; options are validated on <see cref="Run"/>.</summary>
    public DatasetDriftDetector(DatasetDriftOptions? options = null) => _options = options ?? new DatasetDriftOptions();

    /// <summary>Compares <paramref name="current"/> with <paramref name="reference"/>.</summary>
    /// <param name="reference">The reference table (e.g. the training data).</param>
    /// <param name="current">The current table; columns are matched by name.</param>
    /// <param name="columns">The columns to test, or null for every shared column of a testable type.</param>
    public DatasetDriftResult Run(Table reference, Table current, IEnumerable<string>? columns = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        _options.Validate();
        var skipped = new Dictionary<string, string>(StringComparer.Ordinal);
        var names = columns?.ToList() ?? [.. reference.Columns.Select(c => c.Name)];
        var samples = new List<(string Name, DriftSample R, DriftSample C, DriftMethod Method)>();
        foreach (var name in names)
        {
            if (!reference.TryGetColumn(name, out var rc))
            {
                throw LatentOpsException.InvalidInput($"Column '{name}' is not in the reference data. Columns: {string.Join(", ", reference.Columns.Select(c => c.Name))}.");
            }

            if (!current.TryGetColumn(name, out var cc))
            {
                if (columns is not null)
                {
                    throw LatentOpsException.InvalidInput($"Column '{name}' is not in the current data. Columns: {string.Join(", ", current.Columns.Select(c => c.Name))}.");
                }

                skipped[name] = "absent from the current data";
                continue;
            }

            if (!IsTestable(rc) || !IsTestable(cc) || rc.Schema.IsNumeric != cc.Schema.IsNumeric)
            {
                skipped[name] = $"type {rc.Type} / {cc.Type} is not tested per column";
                continue;
            }

            var r = DriftSample.FromColumn(rc);
            var c = DriftSample.FromColumn(cc);
            if (r.Count == 0 || c.Count == 0)
            {
                skipped[name] = "no non-missing values on one side";
                continue;
            }

            var method = _options.ColumnMethods.TryGetValue(name, out var m) ? m : _options.Method;
            if (method == DriftMethod.Auto)
            {
                method = DriftTestChooser.Choose(r, c);
            }

            if (!DriftTests.Supports(method, r.IsNumeric))
            {
                throw LatentOpsException.InvalidInput($"Column '{name}' is categorical; method {method} takes numbers. Allowed here: ChiSquare, JensenShannon, PopulationStabilityIndex.");
            }

            samples.Add((name, r, c, method));
        }

        var pTests = samples.Count(s => DriftTests.HasPValue(s.Method));
        var results = new List<ColumnDriftResult>(samples.Count);
        foreach (var (name, r, c, method) in samples)
        {
            var threshold = _options.ThresholdFor(method);
            if (DriftTests.HasPValue(method) && _options.Bonferroni && pTests > 1)
            {
                threshold /= pTests;
            }

            var result = DriftTests.Get(method, _options.Bins).Test(r, c, threshold);
            results.Add(new ColumnDriftResult(
                name,
                method,
                result,
                (double)r.MissingCount / (r.Count + r.MissingCount),
                (double)c.MissingCount / (c.Count + c.MissingCount)));
        }

        var ranked = results.OrderByDescending(x => x.Result.Drifted).ThenByDescending(x => x.Result.Severity).ThenBy(x => x.Column, StringComparer.Ordinal).ToList();
        var share = ranked.Count == 0 ? 0 : (double)ranked.Count(x => x.Result.Drifted) / ranked.Count;
        return new DatasetDriftResult(ranked, share, _options.DriftShare, ranked.Count > 0 && share >= _options.DriftShare, _options.Alpha, _options.Bonferroni, skipped);
    }

    private static bool IsTestable(Column column) => column.Schema.IsNumeric || column.Type == ColumnType.Categorical;
}
