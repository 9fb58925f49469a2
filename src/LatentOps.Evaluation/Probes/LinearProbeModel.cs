namespace LatentOps.Evaluation.Probes;

/// <summary>A fitted linear probe: the standardisation, the logistic regression and how C was chosen.</summary>
public sealed class LinearProbeModel
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
}
