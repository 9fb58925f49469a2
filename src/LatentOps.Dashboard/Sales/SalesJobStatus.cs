namespace LatentOps.Dashboard.Sales;

/// <summary>What <c>GET /sales/jobs/{id}/status</c> answers.</summary>
/// <param name="Id">The analysis.</param>
/// <param name="File">The uploaded file's name.</param>
/// <param name="State">queued, running, done or failed.</param>
/// <param name="Stage">The current stage (see <c>SalesInsightsStages</c>).</param>
/// <param name="Fraction">Share of the whole analysis done, 0 to 1.</param>
/// <param name="Step">The step (1 to 5) the analysis is at.</param>
/// <param name="Detail">What it is doing, in words.</param>
/// <param name="Error">Why it failed.</param>
internal sealed record SalesJobStatus(string Id, string File, string State, string? Stage, double Fraction, int Step, string? Detail, string? Error);
