namespace LatentOps.Governance.Cards;

/// <summary>How <see cref="ModelCardBuilder"/> assembles a card.</summary>
public sealed class ModelCardOptions
{
    /// <summary>
    /// Create the written-sections file (and add sections it lacks) when building the card, so people
    /// have a file to edit. False only reads it (e.g. a read-only web page). The default is true.
    /// </summary>
    public bool EnsureWrittenSectionsFile { get; set; } = true;

    /// <summary>Run the data checks on the training data (reads each dataset version). The default is true.</summary>
    public bool RunDataChecks { get; set; } = true;

    /// <summary>Retraining decisions and alias moves listed at most. The default is 20; allowed 1 to 1000.</summary>
    public int MaxEvents { get; set; } = 20;

    /// <summary>Throws when a setting is out of range, naming it and the range.</summary>
    public void Validate()
    {
        if (MaxEvents is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxEvents), MaxEvents, $"MaxEvents is {MaxEvents}; allowed 1 to 1000.");
        }
    }
}
