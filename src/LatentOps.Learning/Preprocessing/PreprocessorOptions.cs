using LatentOps.Core.Errors;

namespace LatentOps.Learning.Preprocessing;

/// <summary>Settings for fitting the per-column preprocessing of a tabular encoder.</summary>
public sealed class PreprocessorOptions
{
    /// <summary>The most frequent values kept per categorical column; rarer ones share the unknown bucket.</summary>
    /// <value>The default is 50. Allowed: 1 to 100000.</value>
    public int MaxCategories { get; set; } = 50;

    /// <summary>Scaled numbers are clipped to [-ClipValue, ClipValue] so outliers cannot dominate.</summary>
    /// <value>The default is 5. Allowed: greater than 0.</value>
    public double ClipValue { get; set; } = 5;

    /// <summary>Columns left out of the features (labels, keys). Text and identifier columns are always left out.</summary>
    /// <value>The default is none.</value>
    public IList<string> ExcludeColumns { get; set; } = [];

    /// <summary>Throws <see cref="LatentOpsException"/> naming the bad value and the allowed range.</summary>
    public void Validate()
    {
        if (MaxCategories is < 1 or > 100_000)
        {
            throw LatentOpsException.InvalidInput($"MaxCategories is {MaxCategories}; allowed: 1 to 100000.");
        }

        if (!(ClipValue > 0) || double.IsInfinity(ClipValue))
        {
            throw LatentOpsException.InvalidInput($"ClipValue is {ClipValue}; allowed: a finite number greater than 0.");
        }
    }
}
