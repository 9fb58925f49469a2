using LatentOps.Core.Tables;
using LatentOps.Data.Reading;
using LatentOps.Evaluation.Bootstrap;
using LatentOps.Evaluation.Models;
using LatentOps.Evaluation.Probes;
using LatentOps.Evaluation.Suite;
using LatentOps.Reports.Evaluation;

namespace LatentOps.Evaluation.Tests.Models;

/// <summary>
/// End to end on the shipped lending_club sample (real loans): a real fitted model (logistic regression
/// on standardised numbers and one-hot categories) and a fixed random-feature encoder, evaluated with
/// slices by state, fairness by term, probes beside raw features, RankMe and robustness; report rendered.
/// </summary>
public sealed class LendingClubModelEvaluationTests
{
    [Fact]
    public async Task Run_LendingClubModel_ReportShowsEverySection()
    {
        var table = await TableReader.ReadAsync(SamplePath(), cancellationToken: TestContext.Current.CancellationToken);
        var rows = Enumerable.Range(0, table.RowCount).ToArray();
        new Random(3).Shuffle(rows);
        var train = table.Take(rows[..3000]);
        var test = table.Take(rows[3000..6000]);
        var encoding = Encoding.Fit(train.Drop(["Class"]));
        var trainLabels = Enumerable.Range(0, train.RowCount).Select(i => ((StringColumn)train["Class"])[i] == "bad" ? 1 : 0).ToArray();
        var classifier = LinearProbe.Fit(encoding.Raw(train.Drop(["Class"])), trainLabels, 2, new LinearProbeOptions { CandidateCs = [0.1] });
        var model = new ModelUnderEvaluation
        {
            LabelColumn = "Class",
            ClassNames = ["good", "bad"],
            PredictProbabilities = t => classifier.PredictProbabilities(encoding.Raw(t)),
            Embed = encoding.Embed,
            RawFeatures = encoding.Raw,
            EncodeInputs = encoding.Raw,
            Differentiable = classifier,
        };
        var options = new ModelEvaluationOptions
        {
            Evaluation = new EvaluationOptions { Bootstrap = new BootstrapOptions { Resamples = 100 } },
            SliceColumns = ["addr_state"],
            ProtectedColumn = "term",
            Probe = new LinearProbeOptions { CandidateCs = [0.1, 1], Folds = 2 },
        };

        var result = ModelEvaluation.Run(model, train, test, options);
        var html = EvaluationReport.ForModel(result, "lending_club model").Render();

        Assert.InRange(result.Evaluation.Metrics["rocAucScore"], 0.6, 0.9);
        Assert.Equal(4, result.Probes.Count);
        Assert.InRange(result.Probes.Single(p => p.Probe == "linear" && p.Features == "raw").Metrics["rocAucScore"], 0.6, 0.9);
        Assert.NotNull(result.Quality);
        Assert.InRange(result.Quality!.RankMeScore, 2, 32);
        Assert.True(result.Robustness!.Noise[^1].Drop > 0, "noise should cost ROC-AUC");
        Assert.Equal(50, result.Evaluation.Slices["addr_state"].Count);
        Assert.True(result.Adversarial!.Points[^1].Drop > result.Robustness.Noise[^1].Drop, "a worst-case step should cost more than random noise");
        foreach (var section in new[] { "Headline metrics", "after (T =", "Slices by &#39;addr_state&#39;", "Probes", "RankMe", "Robustness curve", "FGSM robustness curve", "Fairness over &#39;term&#39;" })
        {
            Assert.Contains(section, html, StringComparison.Ordinal);
        }
    }

    internal static string SamplePath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "samples", "lending_club.csv");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("samples/lending_club.csv not found above the test folder.");
    }

    /// <summary>Standardised numbers (median-imputed) and one-hot categories; a fixed random-feature "encoder" on top.</summary>
    private sealed class Encoding
    {
        private readonly List<(string Name, double Median, double Mean, double Sd)> _numeric = [];
        private readonly List<(string Name, string[] Values)> _categorical = [];
        private float[,] _projection = new float[0, 0];

        public static Encoding Fit(Table features)
        {
            var e = new Encoding();
            foreach (var column in features.Columns)
            {
                if (column is NumericColumn n)
                {
                    var present = n.Values.ToArray().Where(v => !double.IsNaN(v)).Order().ToArray();
                    var median = present.Length == 0 ? 0 : present[present.Length / 2];
                    var mean = present.Length == 0 ? 0 : present.Average();
                    var sd = present.Length < 2 ? 1 : Math.Sqrt(present.Sum(v => (v - mean) * (v - mean)) / present.Length);
                    e._numeric.Add((n.Name, median, mean, sd > 0 ? sd : 1));
                }
                else if (column is StringColumn s)
                {
                    e._categorical.Add((s.Name, [.. s.Values.ToArray().Where(v => v is not null).Distinct().Order().Take(50)!]));
                }
            }

            var width = e._numeric.Count + e._categorical.Sum(c => c.Values.Length);
            var random = new Random(5);
            e._projection = new float[width, 32];
            for (var i = 0; i < width; i++)
            {
                for (var j = 0; j < 32; j++)
                {
                    e._projection[i, j] = (float)(Synthetic.Gaussian(random) / Math.Sqrt(width));
                }
            }

            return e;
        }

        public float[][] Raw(Table t) => [.. Enumerable.Range(0, t.RowCount).Select(i =>
        {
            var row = new List<float>();
            foreach (var (name, median, mean, sd) in _numeric)
            {
                var v = ((NumericColumn)t[name])[i];
                row.Add((float)(((double.IsNaN(v) ? median : v) - mean) / sd));
            }

            foreach (var (name, values) in _categorical)
            {
                var v = ((StringColumn)t[name])[i];
                row.AddRange(values.Select(c => c == v ? 1f : 0f));
            }

            return row.ToArray();
        })];

        public float[][] Embed(Table t) => [.. Raw(t).Select(x =>
        {
            var z = new float[32];
            for (var j = 0; j < 32; j++)
            {
                double sum = 0;
                for (var i = 0; i < x.Length; i++)
                {
                    sum += x[i] * _projection[i, j];
                }

                z[j] = (float)Math.Tanh(sum);
            }

            return z;
        })];
    }
}
