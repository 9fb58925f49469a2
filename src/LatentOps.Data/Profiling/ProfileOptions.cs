using System.Globalization;
using LatentOps.Core.Errors;

namespace LatentOps.Data.Profiling;

/// <summary>Settings of <see cref="TableProfiler"/>.</summary>
public sealed class ProfileOptions
{
    /// <summary>Equal-width bins per histogram. <value>The default is 20; allowed 2 to 200.</value></summary>
    public int HistogramBins { get; set; } = 20;

    /// <summary>Most frequent values listed per column. <value>The default is 10; allowed 1 to 100.</value></summary>
    public int TopValues { get; set; } = 10;

    /// <summary>Count rows that repeat another row exactly. <value>The default is true.</value></summary>
    public bool CountDuplicateRows { get; set; } = true;

    /// <summary>Columns profiled at once. <value>The default is the number of processors.</value></summary>
    public int MaxDegreeOfParallelism { get; set; } = Environment.ProcessorCount;

    /// <summary>Throws <see cref="ErrorCode.InvalidInput"/> naming the first bad value and the allowed range.</summary>
    public void Validate()
    {
        if (HistogramBins is < 2 or > 200)
        {
            throw LatentOpsException.InvalidInput(string.Create(CultureInfo.InvariantCulture, $"HistogramBins {HistogramBins} is out of range: allowed 2 to 200."));
        }

        if (TopValues is < 1 or > 100)
        {
            throw LatentOpsException.InvalidInput(string.Create(CultureInfo.InvariantCulture, $"TopValues {TopValues} is out of range: allowed 1 to 100."));
        }

        if (MaxDegreeOfParallelism < 1)
        {
            throw LatentOpsException.InvalidInput(string.Create(CultureInfo.InvariantCulture, $"MaxDegreeOfParallelism {MaxDegreeOfParallelism} is out of range: allowed 1 or more."));
        }
    }
}
