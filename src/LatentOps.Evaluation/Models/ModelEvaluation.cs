using LatentOps.Core.Errors;
using LatentOps.Core.Progress;
using LatentOps.Core.Tables;
using LatentOps.Evaluation.Metrics;
using LatentOps.Evaluation.Probes;
using LatentOps.Evaluation.RepresentationQuality;
using LatentOps.Evaluation.Robustness;
using LatentOps.Evaluation.Suite;

namespace LatentOps.Evaluation.Models;

/// <summary>
/// Evaluates a fitted model on a held-out table: its predictions (everything
/// <see cref="EvaluationSuite"/> does), and for an encoder the probes (embedding beside raw features,
/// fitted on the training table) and label-free quality; then robustness under perturbations.
/// </summary>
public static class ModelEvaluation
{
    /// <summary>Runs the evaluation.</summary>
    /// <param name="model">The model.</param>
    /// <param name="train">Training rows (for the probes); may be null when the model has no encoder.</param>
    /// <param name="test">Held-out rows with the label column.</param>
    /// <param name="options">Settings; defaults when null.</param>
    /// <param name="progress">Stage reports.</param>
    public static ModelEvaluationResult Run(ModelUnderEvaluation model, Table? train, Table test, ModelEvaluationOptions? options = null, IProgress<ProgressUpdate>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(test);
        options ??= new ModelEvaluationOptions();
        var testLabels = Labels(test, model);
        var testFeatures = test.Drop([model.LabelColumn]);
        PredictionSet Predict(Table features) => ProbeSuite.ToPredictionSet(model.PredictProbabilities(features), testLabels, model.ClassNames);

        progress?.Report(new ProgressUpdate("evaluate model", 0, 4, "predictions"));
        var set = Predict(testFeatures);
        var slices = options.SliceColumns.Select(name => test[name]).ToList();
        var evaluation = EvaluationSuite.Run(set, slices, options.ProtectedColumn is null ? null : test[options.ProtectedColumn], options.Evaluation);

        var probes = new List<ProbeResult>();
        RepresentationQualityResult? quality = null;
        if (model.Embed is not null)
        {
            progress?.Report(new ProgressUpdate("evaluate model", 1, 4, "probes"));
            if (train is null)
            {
                throw new ArgumentException("Probing an encoder needs the training table.", nameof(train));
            }

            var trainLabels = Labels(train, model);
            var trainFeatures = train.Drop([model.LabelColumn]);
            var testEmbeddings = model.Embed(testFeatures);
            var sets = new List<ProbeFeatures> { new("embedding", model.Embed(trainFeatures), testEmbeddings) };
            if (model.RawFeatures is not null)
            {
                sets.Add(new ProbeFeatures("raw", model.RawFeatures(trainFeatures), model.RawFeatures(testFeatures)));
            }

            probes.AddRange(ProbeSuite.Run(sets, trainLabels, testLabels, model.ClassNames, options.Probe, bootstrap: options.Evaluation.Bootstrap));
            progress?.Report(new ProgressUpdate("evaluate model", 2, 4, "representation quality"));
            quality = RepresentationQualityAnalysis.Analyse(testEmbeddings, seed: options.Evaluation.Bootstrap.Seed);
        }

        RobustnessResult? robustness = null;
        if (options.Robustness is not null)
        {
            progress?.Report(new ProgressUpdate("evaluate model", 3, 4, "robustness"));
            robustness = RobustnessAnalysis.Run(testFeatures, Predict, MetricCatalog.Primary(set.Task), options.Robustness);
        }

        AdversarialResult? adversarial = null;
        if (model.Differentiable is not null && model.EncodeInputs is not null && options.Epsilons.Count > 0)
        {
            adversarial = FgsmAttack.Run(model.Differentiable, model.EncodeInputs(testFeatures), testLabels, model.ClassNames, MetricCatalog.Primary(set.Task), options.Epsilons);
        }

        progress?.Report(new ProgressUpdate("evaluate model", 4, 4, "done"));
        return new ModelEvaluationResult(evaluation, probes, quality, robustness, adversarial);
    }

    private static int[] Labels(Table table, ModelUnderEvaluation model)
    {
        var column = table[model.LabelColumn];
        var index = model.ClassNames.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i, StringComparer.OrdinalIgnoreCase);
        var labels = new int[table.RowCount];
        for (var i = 0; i < labels.Length; i++)
        {
            var value = column.GetValue(i) switch
            {
                null => null,
                double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
                var v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture),
            };
            if (value is null || !index.TryGetValue(value, out labels[i]))
            {
                throw LatentOpsException.InvalidInput($"Data row {i + 1}: label '{value ?? "(missing)"}' in column '{model.LabelColumn}' is not one of the model's classes ({string.Join(", ", model.ClassNames)}).");
            }
        }

        return labels;
    }
}
