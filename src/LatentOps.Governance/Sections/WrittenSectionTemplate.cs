namespace LatentOps.Governance.Sections;

/// <summary>A section people write (e.g. intended use): its stable key, its heading and the question it answers.</summary>
/// <param name="Key">Stable identifier used in the file's markers (lower case, dashes), e.g. <c>intended-use</c>.</param>
/// <param name="Title">The heading shown in the card or datasheet.</param>
/// <param name="Guidance">The question the writer answers; kept in the file as a comment, never shown as an answer.</param>
public sealed record WrittenSectionTemplate(string Key, string Title, string Guidance);
