namespace LatentOps.Governance.Sections;

/// <summary>One written section as it stands in the file.</summary>
/// <param name="Key">The section's key (from its markers).</param>
/// <param name="Title">Its heading.</param>
/// <param name="Guidance">The question it answers (empty for sections the user added).</param>
/// <param name="Text">The text written between the markers, comments removed and trimmed (Markdown); empty when nothing is written yet.</param>
public sealed record WrittenSection(string Key, string Title, string Guidance, string Text)
{
    /// <summary>True when someone wrote something in it.</summary>
    public bool IsWritten => !string.IsNullOrWhiteSpace(Text);
}
