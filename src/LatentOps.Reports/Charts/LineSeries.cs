namespace LatentOps.Reports.Charts;

/// <summary>One line of a line chart.</summary>
/// <param name="Name">Legend text (empty for none).</param>
/// <param name="X">X values.</param>
/// <param name="Y">Y values, same length.</param>
/// <param name="Markers">Draw a marker at each point.</param>
/// <param name="Dashed">Draw dashed (e.g. a reference such as the diagonal of a reliability diagram).</param>
public sealed record LineSeries(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y, bool Markers = true, bool Dashed = false);
