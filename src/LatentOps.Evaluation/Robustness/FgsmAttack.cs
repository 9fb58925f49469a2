using LatentOps.Evaluation.Metrics;
using LatentOps.Evaluation.Probes;

namespace LatentOps.Evaluation.Robustness;

/// <summary>
/// The fast gradient-sign method (Goodfellow et al. 2015): x' = x + epsilon x sign(d loss / d x), one
/// step per epsilon, the loss being the model's own NLL of the true label. The metric drop at each
/// epsilon measures how easily small worst-case input changes flip the model.
/// </summary>
public static class FgsmAttack
{
    /// <summary>The default strengths, in input units.</summary>
    public static IReadOnlyList<double> DefaultEpsilons { get; } = [0, 0.01, 0.05, 0.1, 0.25, 0.5];

    /// <summary>Runs the attack at each epsilon.</summary>
    /// <param name="model">The classifier with input gradients.</param>
    /// <param name="inputs">Encoded inputs (rows x d).</param>
    /// <param name="labels">True class per row.</param>
    /// <param name="classNames">Class names in probability order.</param>
    /// <param name="metric">The metric to track.</param>
    /// <param name="epsilons">Strengths (each in [0, 100]); defaults to <see cref="DefaultEpsilons"/>.</param>
    public static AdversarialResult Run(IDifferentiableClassifier model, float[][] inputs, int[] labels, IReadOnlyList<string> classNames, IMetric metric, IReadOnlyList<double>? epsilons = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(metric);
        epsilons ??= DefaultEpsilons;
        if (epsilons.Any(e => !(e >= 0 && e <= 100)))
        {
            throw new ArgumentOutOfRangeException(nameof(epsilons), $"Epsilons must lie in [0, 100]; got [{string.Join(", ", epsilons)}].");
        }

        var (probabilities, gradients) = model.Forward(inputs, labels);
        var clean = metric.Compute(ProbeSuite.ToPredictionSet(probabilities, labels, classNames));
        var sign = metric.HigherIsBetter() ? 1.0 : -1.0;
        var points = new List<RobustnessPoint>();
        foreach (var epsilon in epsilons)
        {
            if (epsilon == 0)
            {
                points.Add(new RobustnessPoint(0, clean, 0));
                continue;
            }

            var attacked = new float[inputs.Length][];
            for (var i = 0; i < inputs.Length; i++)
            {
                attacked[i] = new float[inputs[i].Length];
                for (var j = 0; j < inputs[i].Length; j++)
                {
                    attacked[i][j] = inputs[i][j] + (float)(epsilon * Math.Sign(gradients[i][j]));
                }
            }

            var value = metric.Compute(ProbeSuite.ToPredictionSet(model.Forward(attacked, labels).Probabilities, labels, classNames));
            points.Add(new RobustnessPoint(epsilon, value, sign * (clean - value)));
        }

        return new AdversarialResult(metric.Name, clean, points);
    }
}
