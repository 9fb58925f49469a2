namespace LatentOps.Evaluation.RepresentationQuality;

/// <summary>
/// Label-free quality of an embedding. What good looks like: RankMe close to the dimension (the
/// embedding uses its dimensions; a collapsed one has RankMe near 1); uniformity low (about -3.5 to
/// -4 for well-spread 128-d+ embeddings; 0 means every row maps to the same point); alignment low
/// (positive pairs close: 0 is perfect, about 2 is what unrelated rows on the sphere give);
/// collapse ratio near 1 (the per-dimension std of L2-normalised rows equals 1/sqrt(d)), near 0 when
/// the embedding has collapsed.
/// </summary>
/// <param name="Rows">Rows used.</param>
/// <param name="Dimensions">Embedding width d.</param>
/// <param name="RankMeScore">RankMe (Garrido et al. 2023): exp of the entropy of normalised singular values, in [1, min(rows, d)].</param>
/// <param name="RankMeRatio">RankMe / min(rows, d).</param>
/// <param name="UniformityLoss">log mean exp(-2 ||u - v||^2) over pairs of L2-normalised rows (Wang and Isola 2020); lower is more uniform.</param>
/// <param name="UniformityRows">Rows used for uniformity (a seeded sample when there are many).</param>
/// <param name="AlignmentLoss">Mean ||f(x) - f(x+)||^2 over positive pairs of L2-normalised rows, or null when no pairs were given.</param>
/// <param name="CollapseStd">Mean over dimensions of the std of L2-normalised rows.</param>
/// <param name="CollapseReference">1/sqrt(d): the std a non-collapsed embedding has.</param>
/// <param name="CollapseRatio">CollapseStd / CollapseReference (near 1 is healthy, near 0 collapsed).</param>
/// <param name="DeadDimensions">Dimensions whose raw std is below 1e-6 x the largest one.</param>
/// <param name="Findings">Plain-language verdicts.</param>
public sealed record RepresentationQualityResult(
    int Rows,
    int Dimensions,
    double RankMeScore,
    double RankMeRatio,
    double UniformityLoss,
    int UniformityRows,
    double? AlignmentLoss,
    double CollapseStd,
    double CollapseReference,
    double CollapseRatio,
    int DeadDimensions,
    IReadOnlyList<string> Findings);
