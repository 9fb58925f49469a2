namespace LatentOps.Governance.Datasheets;

/// <summary>One fact LatentOps recorded, shown under a datasheet question.</summary>
/// <param name="Label">What it is (e.g. "Source file").</param>
/// <param name="Value">Its value in plain text.</param>
public sealed record DatasheetFact(string Label, string Value);
