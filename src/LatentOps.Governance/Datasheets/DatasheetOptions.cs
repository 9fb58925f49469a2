namespace LatentOps.Governance.Datasheets;

/// <summary>How <see cref="DatasheetBuilder"/> assembles a datasheet.</summary>
public sealed class DatasheetOptions
{
    /// <summary>
    /// Create the written-answers file (and add sections it lacks) when building, so people have a file
    /// to edit. False only reads it (e.g. a read-only web page). The default is true.
    /// </summary>
    public bool EnsureWrittenSectionsFile { get; set; } = true;
}
