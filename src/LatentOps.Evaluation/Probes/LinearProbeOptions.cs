namespace LatentOps.Evaluation.Probes;

/// <summary>Settings of the linear probe (L2 logistic regression on standardised features, C chosen by cross-validation).</summary>
public sealed class LinearProbeOptions
{
    /// <summary>Inverse regularisation strengths tried (scikit-learn's C).</summary>
    /// <value>The default is 0.001, 0.01, 0.1, 1, 10, 100; each must be in [1e-6, 1e6].</value>
    public IReadOnlyList<double> CandidateCs { get; set; } = [0.001, 0.01, 0.1, 1, 10, 100];

    /// <summary>Stratified cross-validation folds used to choose C (by mean held-out log loss).</summary>
    /// <value>The default is 5; allowed 2 to 20.</value>
    public int Folds { get; set; } = 5;

    /// <summary>L-BFGS iteration cap per fit.</summary>
    /// <value>The default is 500; allowed 10 to 100000.</value>
    public int MaxIterations { get; set; } = 500;

    /// <summary>Stop when every gradient component is below this.</summary>
    /// <value>The default is 1e-6; allowed 1e-14 to 1e-1.</value>
    public double Tolerance { get; set; } = 1e-6;

    /// <summary>Seed of the fold assignment.</summary>
    /// <value>The default is 42.</value>
    public int Seed { get; set; } = 42;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the bad value and the allowed range.</summary>
    public void Validate()
    {
        if (CandidateCs is null || CandidateCs.Count == 0 || CandidateCs.Any(c => !(c >= 1e-6 && c <= 1e6)))
        {
            throw new ArgumentOutOfRangeException(nameof(CandidateCs), $"Candidate C values must be one or more numbers in [1e-6, 1e6]; got [{string.Join(", ", CandidateCs ?? [])}].");
        }

        if (Folds is < 2 or > 20)
        {
            throw new ArgumentOutOfRangeException(nameof(Folds), Folds, $"Folds must be between 2 and 20; got {Folds}.");
        }

        if (MaxIterations is < 10 or > 100_000)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxIterations), MaxIterations, $"MaxIterations must be between 10 and 100000; got {MaxIterations}.");
        }

        if (!(Tolerance >= 1e-14 && Tolerance <= 1e-1))
        {
            throw new ArgumentOutOfRangeException(nameof(Tolerance), Tolerance, $"Tolerance must be between 1e-14 and 0.1; got {Tolerance}.");
        }
    }
}
