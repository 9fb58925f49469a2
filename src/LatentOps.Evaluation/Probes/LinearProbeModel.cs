using LatentOps.Evaluation.Robustness;

namespace LatentOps.Evaluation.Probes;

/// <summary>A fitted linear probe: the standardisation, the logistic regression and how C was chosen.</summary>
public sealed class LinearProbeModel : IDifferentiableClassifier
{
    private readonly double[] _mean;
    private readonly double[] _scale;
    private readonly LogisticRegression _model;

    internal LinearProbeModel(double[] mean, double[] scale, LogisticRegression model, double c, IReadOnlyList<ProbeCandidate> candidates)
    {
        _mean = mean;
        _scale = scale;
        _model = model;
        C = c;
        Candidates = candidates;
    }

    /// <summary>The C chosen.</summary>
    public double C { get; }

    /// <summary>Every C tried with its cross-validated loss.</summary>
    public IReadOnlyList<ProbeCandidate> Candidates { get; }

    /// <summary>Input dimensions.</summary>
    public int Dimensions => _model.Dimensions;

    /// <summary>Number of classes.</summary>
    public int ClassCount => _model.ClassCount;

    /// <summary>Weights then intercepts of the logistic regression on standardised inputs (for tests and export).</summary>
    public IReadOnlyList<double> Parameters => _model.Parameters;

    /// <summary>Class probabilities, row-major (rows x classes).</summary>
    public double[] PredictProbabilities(float[][] features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var d = FeatureMatrix.Width(features, nameof(features));
        if (d != Dimensions)
        {
            throw new ArgumentException($"The probe was fitted on {Dimensions} dimensions; got {d}.", nameof(features));
        }

        return _model.PredictProbabilities(FeatureMatrix.Standardise(features, d, _mean, _scale));
    }

    /// <summary>
    /// Probabilities and the closed-form gradient of each row's NLL with respect to its raw inputs:
    /// sum over logits r of (p_r - y_r) x W_rj / scale_j.
    /// </summary>
    public (double[] Probabilities, float[][] InputGradients) Forward(float[][] inputs, int[] labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var probabilities = PredictProbabilities(inputs);
        var d = Dimensions;
        var k = ClassCount;
        var rows = k == 2 ? 1 : k;
        var w = _model.Parameters;
        var gradients = new float[inputs.Length][];
        for (var i = 0; i < inputs.Length; i++)
        {
            var g = new float[d];
            for (var r = 0; r < rows; r++)
            {
                var residual = k == 2
                    ? probabilities[(i * 2) + 1] - (labels[i] == 1 ? 1 : 0)
                    : probabilities[(i * k) + r] - (labels[i] == r ? 1 : 0);
                for (var j = 0; j < d; j++)
                {
                    g[j] += (float)(residual * w[(r * d) + j] / _scale[j]);
                }
            }

            gradients[i] = g;
        }

        return (probabilities, gradients);
    }
}
