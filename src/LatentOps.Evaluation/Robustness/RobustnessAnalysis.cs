using LatentOps.Core.Progress;
using LatentOps.Core.Tables;
using LatentOps.Evaluation.Metrics;

namespace LatentOps.Evaluation.Robustness;

/// <summary>
/// Measures a model's metric as its inputs are perturbed: Gaussian noise on numeric features (scaled by
/// each column's standard deviation), random category swaps (a cell takes the value of a random other
/// row, keeping the column's distribution), and each feature dropped in turn (all values missing).
/// Works with any model given as a function from a feature table to predictions.
/// </summary>
public static class RobustnessAnalysis
{
    /// <summary>Runs the analysis.</summary>
    /// <param name="features">The model's input columns (no label).</param>
    /// <param name="predict">Predicts the (perturbed) table; returns predictions with the true labels, row-aligned.</param>
    /// <param name="metric">The metric to track (e.g. the task's primary metric).</param>
    /// <param name="options">Settings; defaults when null.</param>
    /// <param name="progress">Receives one report per evaluated variant.</param>
    public static RobustnessResult Run(Table features, Func<Table, PredictionSet> predict, IMetric metric, RobustnessOptions? options = null, IProgress<ProgressUpdate>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(predict);
        ArgumentNullException.ThrowIfNull(metric);
        options ??= new RobustnessOptions();
        options.Validate();
        var numeric = features.Columns.OfType<NumericColumn>().Where(c => c.Type != ColumnType.Boolean).Select(c => c.Name).ToList();
        var categorical = features.Columns.OfType<StringColumn>().Where(c => c.Type == ColumnType.Categorical).Select(c => c.Name).ToList();
        var total = 1 + options.NoiseLevels.Count + options.SwapRates.Count + (options.DropFeatures ? features.Columns.Count : 0);
        var done = 0;
        double Score(Table table, string detail)
        {
            var value = metric.Compute(predict(table));
            progress?.Report(new ProgressUpdate("robustness", ++done, total, detail));
            return value;
        }

        var sign = metric.HigherIsBetter() ? 1.0 : -1.0;
        var clean = Score(features, "clean");
        var noise = options.NoiseLevels.Select((level, i) =>
        {
            var value = level == 0 ? clean : Score(AddNoise(features, numeric, level, options.Seed + i), $"noise {level}");
            return new RobustnessPoint(level, value, sign * (clean - value));
        }).ToList();
        var swaps = options.SwapRates.Select((rate, i) =>
        {
            var value = rate == 0 ? clean : Score(SwapCategories(features, categorical, rate, options.Seed + 1000 + i), $"swap {rate}");
            return new RobustnessPoint(rate, value, sign * (clean - value));
        }).ToList();
        var drops = new List<FeatureDropResult>();
        if (options.DropFeatures)
        {
            foreach (var column in features.Columns)
            {
                var value = Score(Replace(features, Missing(column)), $"drop {column.Name}");
                drops.Add(new FeatureDropResult(column.Name, value, sign * (clean - value)));
            }
        }

        return new RobustnessResult(metric.Name, clean, noise, swaps, [.. drops.OrderByDescending(d => double.IsNaN(d.Drop) ? double.NegativeInfinity : d.Drop)], numeric, categorical, options.Seed);
    }

    /// <summary>Adds N(0, (level x std)^2) to every numeric (non-boolean) column; missing values stay missing.</summary>
    public static Table AddNoise(Table table, IReadOnlyList<string> columns, double level, int seed)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(columns);
        var random = new Random(seed);
        var replaced = new List<Column>();
        foreach (var name in columns)
        {
            var column = (NumericColumn)table[name];
            var values = column.Values.ToArray();
            var present = values.Where(v => !double.IsNaN(v)).ToArray();
            var mean = present.Length == 0 ? 0 : present.Average();
            var sd = present.Length < 2 ? 0 : Math.Sqrt(present.Sum(v => (v - mean) * (v - mean)) / (present.Length - 1));
            for (var i = 0; i < values.Length; i++)
            {
                if (!double.IsNaN(values[i]))
                {
                    values[i] += level * sd * Gaussian(random);
                }
            }

            replaced.Add(new NumericColumn(name, values, column.Type == ColumnType.Integer ? ColumnType.Numeric : column.Type));
        }

        return Replace(table, [.. replaced]);
    }

    /// <summary>Replaces a share <paramref name="rate"/> of the cells of each categorical column by the value of a random row.</summary>
    public static Table SwapCategories(Table table, IReadOnlyList<string> columns, double rate, int seed)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(columns);
        var random = new Random(seed);
        var replaced = new List<Column>();
        foreach (var name in columns)
        {
            var column = (StringColumn)table[name];
            var source = column.Values.ToArray();
            var values = (string?[])source.Clone();
            for (var i = 0; i < values.Length; i++)
            {
                if (random.NextDouble() < rate)
                {
                    values[i] = source[random.Next(source.Length)];
                }
            }

            replaced.Add(new StringColumn(name, values, column.Type));
        }

        return Replace(table, [.. replaced]);
    }

    private static Column Missing(Column column) => column switch
    {
        NumericColumn n => new NumericColumn(n.Name, Enumerable.Repeat(double.NaN, n.Length).ToArray(), n.Type),
        StringColumn s => new StringColumn(s.Name, new string?[s.Length], s.Type),
        DateTimeColumn d => new DateTimeColumn(d.Name, new DateTime?[d.Length]),
        _ => throw new ArgumentException($"Unknown column kind {column.GetType().Name}.", nameof(column)),
    };

    private static Table Replace(Table table, params Column[] columns)
    {
        var byName = columns.ToDictionary(c => c.Name, StringComparer.Ordinal);
        return new Table(table.Columns.Select(c => byName.GetValueOrDefault(c.Name) ?? c));
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
