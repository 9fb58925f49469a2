using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using LatentOps.Core.Tables;
using LatentOps.Data.Reading;
using LatentOps.Monitoring.Drift;
using LatentOps.Monitoring.Drift.Embeddings;
using LatentOps.Evaluation.Probes;

namespace LatentOps.Benchmarks.Monitoring;

/// <summary>
/// The drift validation table: false-positive rate on random halves of one dataset and power on real
/// shifts, for every test. Usage: drift-validation DATASETS_DIR OUTPUT.md [FPR_TRIALS] [POWER_TRIALS] [EMBEDDING_ROWS]
/// </summary>
public static partial class DriftValidation
{
    private const double Alpha = 0.05;

    private sealed record Prepared(string Name, string Shift, Table Features, EmbeddingMatrix Embedding, bool[]? Label, int[] Reference, int[] Current);

    private sealed class Tally
    {
        public Dictionary<string, (int Hits, int Tests)> Counts { get; } = [];

        public void Add(string test, bool hit)
        {
            var (h, t) = Counts.GetValueOrDefault(test);
            Counts[test] = (h + (hit ? 1 : 0), t + 1);
        }
    }

    public static int Run(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: drift-validation DATASETS_DIR OUTPUT.md [FPR_TRIALS=200] [POWER_TRIALS=50] [EMBEDDING_ROWS=500]");
            return 2;
        }

        var dir = args[0];
        var output = args[1];
        var fprTrials = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 200;
        var powerTrials = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 50;
        var embeddingRows = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 500;
        _only = args.Length > 5 ? args[5] : null;
        var watch = Stopwatch.StartNew();
        var datasets = new List<Prepared> { Birdstrikes(dir), LendingClub(dir), Spam(dir), FashionMnist(dir) };
        var fpr = new Dictionary<string, Tally>();
        var power = new Dictionary<string, Tally>();
        foreach (var d in datasets)
        {
            Console.Error.WriteLine($"{d.Name}: {d.Features.RowCount} rows, {d.Features.Columns.Count} columns, embedding {d.Embedding.Dimensions} dims; reference {d.Reference.Length}, current {d.Current.Length}");
            var random = new Random(1);
            var all = Enumerable.Range(0, d.Features.RowCount).ToArray();
            var model = d.Label is null ? null : Probe(d, all);
            fpr[d.Name] = new Tally();
            for (var t = 0; t < fprTrials; t++)
            {
                var order = (int[])all.Clone();
                random.Shuffle(order);
                var half = order.Length / 2;
                Evaluate(d, order[..half], order[half..], embeddingRows, random, t, d.Label is null ? null : model, fpr[d.Name]);
                if ((t + 1) % 50 == 0)
                {
                    Console.Error.WriteLine($"  fpr trial {t + 1}/{fprTrials} ({watch.Elapsed.TotalSeconds:F0} s)");
                }
            }

            var shiftModel = d.Label is null ? null : Probe(d, d.Reference);
            power[d.Name] = new Tally();
            for (var t = 0; t < powerTrials; t++)
            {
                Evaluate(d, d.Reference, d.Current, embeddingRows, random, 10_000 + t, d.Label is null ? null : shiftModel, power[d.Name]);
            }

            Console.Error.WriteLine($"  power done ({watch.Elapsed.TotalSeconds:F0} s)");
        }

        File.WriteAllText(output, Render(datasets, fpr, power, fprTrials, powerTrials, embeddingRows, watch.Elapsed, args));
        Console.WriteLine(File.ReadAllText(output));
        return 0;
    }

    /// <summary>The label classifier behind BBSD: Evaluation's linear probe (L2 logistic regression, C = 1) on the embedding rows.</summary>
    private static LinearProbeModel Probe(Prepared d, int[] rows) => LinearProbe.Fit(
        [.. rows.Select(r => d.Embedding.Row(r).ToArray())],
        [.. rows.Select(r => d.Label![r] ? 1 : 0)],
        classCount: 2,
        new LinearProbeOptions { CandidateCs = [1.0] });

    private static void Evaluate(Prepared d, int[] reference, int[] current, int embeddingRows, Random random, int seed,
        LinearProbeModel? model, Tally tally)
    {
        // Columns on the full sides.
        if (!Want("columns"))
        {
            goto Embeddings;
        }

        var r = d.Features.Take(reference);
        var c = d.Features.Take(current);
        var dataset = new DatasetDriftDetector(new DatasetDriftOptions { Alpha = Alpha }).Run(r, c);
        tally.Add("dataset drift (auto choice, Bonferroni, share >= 0.5)", dataset.DatasetDrift);
        foreach (var column in r.Columns)
        {
            if (!(column.Schema.IsNumeric || column.Type == ColumnType.Categorical))
            {
                continue;
            }

            var rs = DriftSample.FromColumn(column);
            var cs = DriftSample.FromColumn(c[column.Name]);
            if (rs.Count < 2 || cs.Count < 2)
            {
                continue;
            }

            var many = rs.IsNumeric && rs.Numbers!.Concat(cs.Numbers!).Distinct().Take(6).Count() > 5;
            if (many)
            {
                tally.Add("KS per numeric column (p < 0.05)", DriftTests.Get(DriftMethod.KolmogorovSmirnov).Test(rs, cs, Alpha).Drifted);
                tally.Add("Wasserstein per numeric column (>= 0.1)", DriftTests.Get(DriftMethod.Wasserstein).Test(rs, cs, 0.1).Drifted);
            }
            else
            {
                tally.Add("chi-square per categorical column (p < 0.05)", DriftTests.Get(DriftMethod.ChiSquare).Test(rs, cs, Alpha).Drifted);
            }

            tally.Add("Jensen-Shannon per column (>= 0.1)", DriftTests.Get(DriftMethod.JensenShannon).Test(rs, cs, 0.1).Drifted);
            tally.Add("PSI per column (30 bins, >= 0.1)", DriftTests.Get(DriftMethod.PopulationStabilityIndex).Test(rs, cs, 0.1).Drifted);
        }

    // Embeddings on random subsamples (drawn whatever the filter, so trials stay identical).
    Embeddings:
        var rSub = Sample(reference, embeddingRows, random);
        var cSub = Sample(current, embeddingRows, random);
        var a = d.Embedding.Take(rSub);
        var b = d.Embedding.Take(cSub);
        var tests = new EmbeddingDriftTests(new EmbeddingDriftOptions { Permutations = 500, Seed = seed });
        if (Want("domain classifier") && !Want("embeddings"))
        {
            tally.Add("domain classifier (held-out ROC-AUC, 25% of rows)", tests.DomainClassifier(a, b).Drifted);
            return;
        }

        tally.Add("MMD (RBF, median bandwidth, 500 permutations)", new MmdDriftDetector(new MmdOptions { Permutations = 500, Seed = seed }).Run(a, b).Test.Drifted);
        if (Want("domain classifier"))
        {
            tally.Add("domain classifier (held-out ROC-AUC, 25% of rows)", tests.DomainClassifier(a, b).Drifted);
        }
        tally.Add("mean embedding distance (500 permutations)", tests.MeanDistance(a, b).Drifted);
        tally.Add("component KS (Bonferroni)", tests.Components(a, b).Test.Drifted);
        if (model is { } m)
        {
            EmbeddingMatrix Probabilities(EmbeddingMatrix e)
            {
                var q = m.PredictProbabilities([.. Enumerable.Range(0, e.Rows).Select(i => e.Row(i).ToArray())]);
                return new EmbeddingMatrix([.. q.Select(v => (float)v)], e.Rows, 2);
            }

            tally.Add("BBSD (KS on class probabilities)", tests.Bbsd(Probabilities(a), Probabilities(b)).Test.Drifted);
        }
    }

    /// <summary>Optional 6th argument: run only the tests whose group matches (columns, embeddings, domain classifier).</summary>
    private static string? _only;

    private static bool Want(string group) => _only is null || _only == group;

    private static int[] Sample(int[] rows, int count, Random random)
    {
        if (rows.Length <= count)
        {
            return rows;
        }

        var copy = (int[])rows.Clone();
        random.Shuffle(copy);
        return copy[..count];
    }

    private static string Render(List<Prepared> datasets, Dictionary<string, Tally> fpr, Dictionary<string, Tally> power, int fprTrials, int powerTrials, int embeddingRows, TimeSpan elapsed, string[] args)
    {
        var tests = fpr.Values.SelectMany(t => t.Counts.Keys).Distinct().ToList();
        var sb = new StringBuilder();
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?";
        sb.AppendLine("# Drift tests: false-positive rate and power on real data\n");
        sb.AppendLine(CultureInfo.InvariantCulture, $"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {cpu}, {Environment.ProcessorCount} cores; {elapsed.TotalMinutes:F1} minutes.\n");
        sb.AppendLine("Command (from the repository root):\n");
        sb.AppendLine("```");
        sb.AppendLine($"dotnet run -c Release --project bench/LatentOps.Benchmarks -- drift-validation {string.Join(' ', args)}");
        sb.AppendLine("```\n");
        sb.AppendLine(CultureInfo.InvariantCulture, $"- **FPR**: {fprTrials} trials per dataset, each splitting the whole dataset into random halves (no drift). Column tests use the full halves; embedding tests use {embeddingRows} random rows from each half. Alpha = 0.05 for p-value tests. Target for level-0.05 tests: 0.02-0.08.");
        sb.AppendLine(CultureInfo.InvariantCulture, $"- **Power**: {powerTrials} trials on the real shift; column tests compare the full sides (the same every trial: 0 or 1), embedding tests draw {embeddingRows} random rows from each side per trial.");
        sb.AppendLine("- Per-column rows count every (column, trial) test without Bonferroni; `dataset drift` is the per-trial verdict with the automatic choice and Bonferroni. Score tests (Wasserstein, Jensen-Shannon, PSI) are effect-size thresholds, not level-alpha tests: their FPR is not expected to sit at 0.05.");
        sb.AppendLine("- Embeddings here are fixed feature maps (no trained encoder): tables: standardised numbers + one-hot of the 5 most frequent values per category; spam: 64-d hashed bag of words; Fashion-MNIST: 4x4 average-pooled pixels (49 dims). BBSD uses a logistic regression of the label fitted on the reference side (FPR: on the whole dataset).\n");
        sb.AppendLine("| dataset | rows | shift (power) |");
        sb.AppendLine("|---|---|---|");
        foreach (var d in datasets)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {d.Name} | {d.Features.RowCount} | {d.Shift} ({d.Reference.Length} vs {d.Current.Length} rows) |");
        }

        sb.AppendLine();
        sb.Append("| test |");
        foreach (var d in datasets)
        {
            sb.Append(CultureInfo.InvariantCulture, $" FPR {d.Name} |");
        }

        foreach (var d in datasets)
        {
            sb.Append(CultureInfo.InvariantCulture, $" power {d.Name} |");
        }

        sb.AppendLine();
        sb.AppendLine("|---|" + string.Concat(Enumerable.Repeat("---|", datasets.Count * 2)));
        foreach (var test in tests)
        {
            sb.Append(CultureInfo.InvariantCulture, $"| {test} |");
            foreach (var table in new[] { fpr, power })
            {
                foreach (var d in datasets)
                {
                    sb.Append(table[d.Name].Counts.TryGetValue(test, out var v) ? string.Create(CultureInfo.InvariantCulture, $" {(double)v.Hits / v.Tests:F3} (n={v.Tests}) |") : " - |");
                }
            }

            sb.AppendLine();
        }

        return sb.ToString();
    }
}
