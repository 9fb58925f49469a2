namespace LatentOps.Governance.Sections;

/// <summary>The written sections of one card or datasheet, read from their Markdown file.</summary>
/// <param name="Path">The file (absolute), e.g. <c>.latentops/governance/cards/churn.md</c>.</param>
/// <param name="Sections">The sections, in file order: the expected ones, then any the user added with markers of their own.</param>
/// <param name="Exists">False when the file does not exist (nothing written; the sections are the empty templates).</param>
/// <param name="LastWritten">When the file was last changed (UTC), when it exists.</param>
public sealed record WrittenDocument(string Path, IReadOnlyList<WrittenSection> Sections, bool Exists, DateTimeOffset? LastWritten)
{
    /// <summary>The section with <paramref name="key"/>, or null.</summary>
    public WrittenSection? Get(string key) => Sections.FirstOrDefault(s => string.Equals(s.Key, key, StringComparison.Ordinal));

    /// <summary>True when the section with <paramref name="key"/> exists and has text.</summary>
    public bool IsWritten(string key) => Get(key)?.IsWritten == true;
}
