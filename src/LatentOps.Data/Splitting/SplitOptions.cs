using System.Globalization;
using LatentOps.Core.Errors;

namespace LatentOps.Data.Splitting;

/// <summary>Settings of <see cref="TableSplitter"/>.</summary>
public sealed class SplitOptions
{
    /// <summary>The method. <value>The default is <see cref="SplitMethod.Random"/>.</value></summary>
    public SplitMethod Method { get; set; } = SplitMethod.Random;

    /// <summary>The share of rows in the test part. <value>The default is 0.2; allowed above 0 and below 1.</value></summary>
    public double TestFraction { get; set; } = 0.2;

    /// <summary>The share of rows in a validation part (0 for none). <value>The default is 0; allowed 0 to below 1 - <see cref="TestFraction"/>.</value></summary>
    public double ValidationFraction { get; set; }

    /// <summary>The seed of the shuffle (random, stratified, group). <value>The default is 42.</value></summary>
    public int Seed { get; set; } = 42;

    /// <summary>The column that drives the split: the class column (stratified), the time column (time) or the group column (group). <value>The default is null (required except for random).</value></summary>
    public string? Column { get; set; }

    /// <summary>Throws <see cref="ErrorCode.InvalidInput"/> naming the bad value and the allowed range.</summary>
    public void Validate()
    {
        if (double.IsNaN(TestFraction) || TestFraction is <= 0 or >= 1)
        {
            throw LatentOpsException.InvalidInput(string.Create(CultureInfo.InvariantCulture, $"The test fraction {TestFraction} is out of range: allowed above 0 and below 1 (e.g. 0.2)."));
        }

        if (double.IsNaN(ValidationFraction) || ValidationFraction < 0 || ValidationFraction + TestFraction >= 1)
        {
            throw LatentOpsException.InvalidInput(string.Create(CultureInfo.InvariantCulture,
                $"The validation fraction {ValidationFraction} is out of range: allowed 0 to below {1 - TestFraction} (1 minus the test fraction)."));
        }

        if (Method != SplitMethod.Random && string.IsNullOrEmpty(Column))
        {
            throw LatentOpsException.InvalidInput($"A {Method.ToString().ToLowerInvariant()} split needs a column (--column): the {(Method == SplitMethod.Stratified ? "class" : Method == SplitMethod.Time ? "time" : "group")} column.");
        }
    }
}
