using LatentOps.Evaluation.Bootstrap;
using LatentOps.Evaluation.Slices;

namespace LatentOps.Evaluation.Suite;

/// <summary>Settings of a full evaluation.</summary>
public sealed class EvaluationOptions
{
    /// <summary>Bootstrap settings for every interval.</summary>
    public BootstrapOptions Bootstrap { get; set; } = new();

    /// <summary>Slice settings.</summary>
    public SliceOptions Slices { get; set; } = new();

    /// <summary>Calibration bins.</summary>
    /// <value>The default is 15.</value>
    public int CalibrationBins { get; set; } = Calibration.CalibrationAnalysis.DefaultBins;

    /// <summary>Share of rows (seeded, stratified) used to fit the temperature; the rest measure it.</summary>
    /// <value>The default is 0.5; allowed 0.1 to 0.9.</value>
    public double CalibrationFraction { get; set; } = 0.5;

    /// <summary>Below this many rows the whole evaluation carries a small-sample warning.</summary>
    /// <value>The default is 200.</value>
    public int SmallTestSet { get; set; } = 200;

    /// <summary>Below this many rows of a class the evaluation warns about that class.</summary>
    /// <value>The default is 30.</value>
    public int SmallClass { get; set; } = 30;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the bad value and the allowed range.</summary>
    public void Validate()
    {
        Bootstrap.Validate();
        Slices.Validate();
        if (!(CalibrationFraction >= 0.1 && CalibrationFraction <= 0.9))
        {
            throw new ArgumentOutOfRangeException(nameof(CalibrationFraction), CalibrationFraction, $"The calibration fraction must be between 0.1 and 0.9; got {CalibrationFraction}.");
        }

        if (CalibrationBins is < 2 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(CalibrationBins), CalibrationBins, $"Calibration bins must be between 2 and 1000; got {CalibrationBins}.");
        }
    }
}
