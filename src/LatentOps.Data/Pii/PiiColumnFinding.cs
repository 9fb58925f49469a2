namespace LatentOps.Data.Pii;

/// <summary>Personal data of one kind found in one column.</summary>
/// <param name="Column">The column.</param>
/// <param name="Kind">What was found.</param>
/// <param name="Matches">How many occurrences.</param>
/// <param name="Rows">How many rows hold at least one.</param>
/// <param name="RowShare">Rows / non-missing rows of the column.</param>
/// <param name="MaskedExamples">Up to five distinct examples, masked so the report itself leaks nothing.</param>
public sealed record PiiColumnFinding(string Column, PiiKind Kind, int Matches, int Rows, double RowShare, IReadOnlyList<string> MaskedExamples);
